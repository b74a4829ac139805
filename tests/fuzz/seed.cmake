# Copies the seed corpus: core routines and golden cases (files and the YAML
# files inside folder cases), flattened to unique names.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
file(GLOB_RECURSE seeds
  ${ROOT}/content/core/routines/*.yaml
  ${ROOT}/tests/golden/lint/*.yaml
  ${ROOT}/tests/golden/play/*.yaml)
foreach(f ${seeds})
  file(RELATIVE_PATH rel ${ROOT} ${f})
  string(REPLACE "/" "_" name ${rel})
  configure_file(${f} ${OUT}/${name} COPYONLY)
endforeach()
