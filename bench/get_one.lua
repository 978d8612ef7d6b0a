-- GET /api/v1/technologies/{id} with a random seeded id.
local token, lo, hi = os.getenv("TOKEN"), tonumber(os.getenv("ID_MIN")), tonumber(os.getenv("ID_MAX"))
wrk.headers["Authorization"] = "Bearer " .. token
function setup(thread) thread:set("seed", math.random(1, 1000000)) end
function init() math.randomseed(seed) end
function request() return wrk.format("GET", "/api/v1/technologies/" .. math.random(lo, hi)) end
