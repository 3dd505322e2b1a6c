-- wrk script: POSTs the sample Weld cases of CASES (one JSON case a line) in turn to PATH.
local path = os.getenv("TENET_PATH") or "/v1/rulesets/colorado.weld/evaluate"
local bodies = {}
for line in io.lines(os.getenv("CASES")) do
  if line:match("%S") then bodies[#bodies + 1] = line end
end
local headers = {["Content-Type"] = "application/json"}
local i = 0

request = function()
  i = i % #bodies + 1
  return wrk.format("POST", path, headers, bodies[i])
end

-- 4xx/5xx are counted by wrk as "Non-2xx or 3xx responses"
