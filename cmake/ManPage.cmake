# cmake -DTOOL=path/to/tool -DNAME=tool -DOUT=tool.1 -P ManPage.cmake
# A man page from the tool's own --help and --version (the help is the one
# description the tools keep true), as help2man would write it.
execute_process(COMMAND ${TOOL} --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${TOOL} --help failed (${status})")
endif()
execute_process(COMMAND ${TOOL} --version OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
string(REGEX MATCH "^[^\n]*" summary "${help}")
string(REGEX REPLACE "^[^:]*: *" "" summary "${summary}")
string(REPLACE "Usage: ${TOOL}" "Usage: ${NAME}" help "${help}") # not the build path
# roff: backslashes doubled, a leading dot or quote escaped.
string(REPLACE "\\" "\\e" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
string(TOUPPER ${NAME} upper)
file(WRITE ${OUT} ".TH ${upper} 1 \"\" \"${version}\" \"User Commands\"
.SH NAME
${NAME} \\- ${summary}
.SH DESCRIPTION
.nf
${help}.fi
.SH SEE ALSO
qsvtc(1), qsvt-opt(1), qsvt-verify(1), qsvt-approx(1), qsp-phases(1); README.md and docs/ in the sources.
")
