-- GET /api/v1/technologies?domain=<random>&limit=20&page=<random of the first 10>
local token = os.getenv("TOKEN")
local domains = { "audio-dsp", "ai-ml", "music-theory", "performance", "ui-ux", "infrastructure", "other" }
wrk.headers["Authorization"] = "Bearer " .. token
function setup(thread) thread:set("seed", math.random(1, 1000000)) end
function init() math.randomseed(seed) end
function request()
  local path = "/api/v1/technologies?domain=" .. domains[math.random(1, #domains)] .. "&limit=20&page=" .. math.random(1, 10)
  return wrk.format("GET", path)
end
