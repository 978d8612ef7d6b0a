# Mirrors the built web UI (web/dist) into share/web beside the binary, replacing what an earlier build left
# (old content-hashed assets). Does nothing when the UI was not built (`make web`), so the server still
# builds and serves the API and /docs without Node.
if(NOT EXISTS "${SRC}/index.html")
  return()
endif()
file(REMOVE_RECURSE "${DST}")
file(COPY "${SRC}/" DESTINATION "${DST}")
