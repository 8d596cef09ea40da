-- wrk script of bench/run.sh: the daemon's Authorization header comes from the token file named by
-- BENCH_TOKEN_FILE, so the token never appears in any process's arguments. nginx gets the same header.
local path = assert(os.getenv("BENCH_TOKEN_FILE"), "BENCH_TOKEN_FILE is not set")
local file = assert(io.open(path, "r"))
wrk.headers["Authorization"] = file:read("*l")
file:close()
