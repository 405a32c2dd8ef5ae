-- wrk script: the page given on the command line, each time with a made-up query string
-- (shared-link parameters with random values and a random unknown one), as a crawler or a
-- bypass attempt would send. Used by bench/loadtest.py for the bypass runs.

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local query = string.format("?utm_source=%d&fbclid=%d&x%d=%d",
    math.random(1, 1000000000), math.random(1, 1000000000), math.random(1, 100000), math.random(1, 1000))
  return wrk.format("GET", wrk.path .. query)
end
