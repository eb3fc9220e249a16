import Testing

/// The restricted-party screening suites, nested here so that `--filter Screening` runs them all.
@Suite("Screening")
enum ScreeningTests {}
