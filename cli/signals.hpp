#pragma once
// Leaving no temporary file behind when journeysim is interrupted.
//
// Outputs are written to temporary files beside their targets (journeysim/io.hpp). The
// registry here remembers those that exist; on SIGINT, SIGTERM or SIGHUP its handler removes
// them with unlink(2) (async-signal-safe) and re-raises the signal with its default action, so
// the process ends as killed by that signal (a shell reports 128+N, 130 for SIGINT). The file
// being replaced stays as it was: it is only ever replaced by a rename of a complete file.

namespace journeysim::cli {

/// Installs the registry as the temporary-file hooks of io.hpp and the handler for SIGINT,
/// SIGTERM and SIGHUP (a signal ignored when journeysim started, e.g. SIGHUP under nohup, stays
/// ignored). Call once, first thing in main.
void install_signal_cleanup();

}  // namespace journeysim::cli
