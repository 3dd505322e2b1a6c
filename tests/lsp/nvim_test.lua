-- Drives Neovim's own LSP client against `tenet lsp` (run by nvim_test.sh, headless):
-- open weld.tenet with the editors/neovim snippet, wait for the server, then check that a seeded
-- error is a diagnostic, that hover on diversion_yearly_cap shows its citation 6.007.2, and that
-- go to definition on an overridden name lands in works.tenet. Every wait is bounded.
local source = os.getenv("TENET_SOURCE_DIR")
local tenet = os.getenv("TENET_CLI")
local WAIT = 20000

local function fail(message)
  io.stderr:write("FAIL: " .. message .. "\n")
  vim.cmd("cquit 1")
end

local function step(message) io.stderr:write("ok: " .. message .. "\n") end

vim.o.hidden = true   -- the edited buffer stays loaded when definition opens another file
package.path = source .. "/editors/neovim/?.lua;" .. package.path
local ready = false
require("tenet").setup({ cmd = { tenet, "lsp" }, on_init = function() ready = true end })

vim.cmd("edit " .. source .. "/rulesets/colorado/weld.tenet")
if vim.bo.filetype ~= "tenet" then fail("weld.tenet has filetype '" .. vim.bo.filetype .. "'") end
if not vim.wait(WAIT, function() return ready end, 20) then fail("the server did not initialize") end
step("server initialized")

-- a seeded error, typed into the buffer (never saved)
local last = vim.api.nvim_buf_line_count(0)
vim.api.nvim_buf_set_lines(0, last, last, false, {
  'rule seeded_error: money = no_such_amount  cite "test"',
  'override parameter resource_limit: money = $2,500  cite "County plan Att. B"',
})
local function seeded()
  for _, d in ipairs(vim.diagnostic.get(0, { severity = vim.diagnostic.severity.ERROR })) do
    if d.message:find("no_such_amount", 1, true) and d.lnum == last then return true end
  end
  return false
end
if not vim.wait(WAIT, seeded, 20) then fail("no diagnostic for the seeded error") end
step("the seeded error is a diagnostic")

-- hover on diversion_yearly_cap
local line = vim.fn.search("at most diversion_yearly_cap")
if line == 0 then fail("diversion_yearly_cap is not in weld.tenet") end
local column = vim.fn.getline(line):find("diversion_yearly_cap", 1, true)
vim.api.nvim_win_set_cursor(0, { line, column })
local replies = vim.lsp.buf_request_sync(0, "textDocument/hover", vim.lsp.util.make_position_params(), WAIT)
local shown = ""
for _, reply in pairs(replies or {}) do
  if reply.result then shown = shown .. reply.result.contents.value end
end
if not shown:find("6.007.2", 1, true) then fail("hover shows: " .. shown) end
step("hover on diversion_yearly_cap shows 6.007.2")

-- go to definition on the override's name: the state's declaration in works.tenet
vim.api.nvim_win_set_cursor(0, { last + 2, ("override parameter r"):len() })
vim.lsp.buf.definition()
local function in_works() return vim.api.nvim_buf_get_name(0):match("works%.tenet$") ~= nil end
if not vim.wait(WAIT, in_works, 20) then fail("definition stayed in " .. vim.api.nvim_buf_get_name(0)) end
if not vim.api.nvim_get_current_line():find("parameter resource_limit", 1, true) then
  fail("definition landed on: " .. vim.api.nvim_get_current_line())
end
step("go to definition on the overridden resource_limit lands in works.tenet")
vim.cmd("qall!")
