-- POST /api/v1/technologies with a title unique across threads and requests.
local token = os.getenv("TOKEN")
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"
local counter = 0
function setup(thread) thread:set("tid", math.random(1, 1000000000)) end
function request()
  counter = counter + 1
  local body = string.format('{"title":"bench %d-%d","domain":"ai-ml","priority":3,"tags":"bench"}', tid, counter)
  return wrk.format(nil, nil, nil, body)
end
