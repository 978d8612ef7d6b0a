-- GET /api/v1/dashboard/stats
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.path = "/api/v1/dashboard/stats"
