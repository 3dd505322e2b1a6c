-- Tenet in Neovim (0.7 or later): the .tenet filetype and `tenet lsp` for every Tenet buffer.
--
-- Copy this file to ~/.config/nvim/lua/tenet.lua and put in init.lua:
--   require("tenet").setup()                          -- `tenet` on PATH
--   require("tenet").setup({ cmd = { "/path/to/tenet", "lsp" } })
-- Then: K hovers (vim.lsp.buf.hover), gd goes to definition, and the diagnostics appear as you
-- type. docs/EDITORS.md lists the mappings this sets.
local M = {}

function M.setup(opts)
  opts = opts or {}
  local cmd = opts.cmd or { "tenet", "lsp" }
  local client_id = nil

  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    pattern = "*.tenet",
    command = "setfiletype tenet",
  })
  vim.api.nvim_create_autocmd("FileType", {
    pattern = "tenet",
    callback = function(args)
      vim.bo[args.buf].commentstring = "# %s"
      -- one server for every Tenet buffer: it follows extends and imports across them
      if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
        client_id = vim.lsp.start_client({
          name = "tenet",
          cmd = cmd,
          root_dir = vim.fn.getcwd(),
          on_init = opts.on_init,
        })
      end
      vim.lsp.buf_attach_client(args.buf, client_id)
      local map = function(keys, fn) vim.keymap.set("n", keys, fn, { buffer = args.buf }) end
      map("K", vim.lsp.buf.hover)
      map("gd", vim.lsp.buf.definition)
      map("gr", vim.lsp.buf.references)
      map("gi", vim.lsp.buf.implementation)
      map("<leader>rn", vim.lsp.buf.rename)
      map("<leader>f", vim.lsp.buf.format or vim.lsp.buf.formatting)
      map("<leader>t", vim.lsp.codelens.run)
      vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "BufWritePost" }, {
        buffer = args.buf,
        callback = function() pcall(vim.lsp.codelens.refresh) end,
      })
    end,
  })
end

return M
