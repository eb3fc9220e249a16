import ArgumentParser
import KYCWatch

/// `kycwatch rules`: the rule catalogue with parameters and defaults.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rule catalogue with parameters, defaults, the values each takes, and references.")

    func run() {
        for rule in RuleEngine.catalogue {
            print(
                "\(rule.id) v\(rule.version)  \(rule.title)  [\(rule.category.rawValue), \(rule.defaultSeverity.rawValue)]"
            )
            for parameter in rule.parameters {
                print(
                    "    \(parameter.name) = \(parameter.defaultText)  \(parameter.meaning) (\(parameter.rangeText))")
            }
            print("    false positives: \(rule.falsePositiveNotes)")
            for reference in rule.references { print("    ref: \(reference)") }
            print()
        }
    }
}
