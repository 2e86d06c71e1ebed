#pragma once
// The HTML report's own stylesheet and script, built in from report/templates/report.css and
// report.js (by cmake/embed_file.cmake; see report/CMakeLists.txt).

namespace journeysim::detail {

extern const char* const kReportStyle;
extern const char* const kReportScript;

}  // namespace journeysim::detail
