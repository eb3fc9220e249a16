import Glibc

/// The width to lay text out to: the terminal's columns when standard output is a terminal,
/// else 100 so piped output is the same everywhere.
enum TerminalWidth {
    static var current: Int {
        guard isatty(STDOUT_FILENO) == 1 else { return 100 }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 100
    }
}
