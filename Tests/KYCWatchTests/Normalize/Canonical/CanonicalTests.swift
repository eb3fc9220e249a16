import Testing

/// The canonicalizers of the normalize stage: timestamps, countries, phone numbers, email addresses,
/// accelerators and instance types, booleans, beneficial owners and numbers.
@Suite("Canonical values")
enum CanonicalTests {}
