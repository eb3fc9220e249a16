extension IPRangeIndex {
    /// Names ranges in error messages: a file and line, or a position for ranges given in memory.
    struct Describer {
        /// The files that ``Entry/file`` indexes.
        let files: [String]

        /// Where a range was read, when it was read from a file.
        func location(of entry: Entry) -> SourceLocation? {
            entry.file >= 0 ? SourceLocation(file: files[entry.file], line: entry.line) : nil
        }

        /// "line 7 of path" or "range 7".
        func place(of entry: Entry) -> String {
            entry.file >= 0 ? "line \(entry.line) of \(files[entry.file])" : "range \(entry.line)"
        }

        /// The error for `entry` sharing addresses with `other`, which sorts before it, and the `rule` it breaks.
        func clash(_ verb: String, _ entry: Entry, _ other: Entry, rule: String) -> KYCWatchError {
            error(
                "\(entry.first) to \(entry.last) \(verb) \(other.first) to \(other.last) (\(place(of: other))); "
                    + rule, at: entry)
        }

        /// The error for `entry` covering exactly the addresses of `other`.
        func duplicate(_ entry: Entry, _ other: Entry) -> KYCWatchError {
            error("\(entry.first) to \(entry.last) is listed twice (also \(place(of: other)))", at: entry)
        }

        /// An invalid-catalogue error at `entry`, prefixed with its position when it has no file.
        func error(_ message: String, at entry: Entry) -> KYCWatchError {
            KYCWatchError(
                .referenceCatalogInvalid, entry.file < 0 ? "\(place(of: entry)): \(message)" : message,
                at: location(of: entry))
        }
    }
}
