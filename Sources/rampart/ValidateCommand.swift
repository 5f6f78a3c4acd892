import ArgumentParser
import Foundation
import Policy
import Reports

extension PolicyType: ExpressibleByArgument {}

/// Output formats shared by the commands.
/// Output formats shared by the commands: `sarif` where the results are located in files
/// (`validate`, `check`, `check-no-public-access`); the others refuse it as a usage error.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}

/// `rampart validate FILE... [--policy-type T] [--format text|json]`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate IAM policy documents (like Access Analyzer's ValidatePolicy).",
        discussion: """
            Exit status: 0 when no document has an ERROR, 1 when one does, 2 for usage errors \
            or files that cannot be read. The policy type is inferred when not given.
            """
    )

    @Argument(help: "Policy documents (JSON files).")
    var files: [String]

    @Option(name: .long, help: "Policy type: \(PolicyType.allCases.map(\.rawValue).joined(separator: ", ")). Inferred when omitted.")
    var policyType: PolicyType?

    @Option(name: .long, help: "Output format: text, json or sarif (SARIF 2.1.0, each diagnostic at its line).")
    var format: OutputFormat = .text

    func run() throws {
        let results = files.map { FileValidation.validate(file: $0, type: policyType) }
        try CommandSupport.guarded {
            try CommandSupport.emit(format, json: { ValidationReport.json(results) }, text: { ValidationReport.text(results) },
                                    sarif: { ValidationSARIF.render(results, toolVersion: Rampart.version,
                                                                    informationURI: InstalledDocumentation.reportsPage?.absoluteString) })
            return 0
        }
        let code = FileValidation.exitCode(results)
        if code != 0 { throw ExitCode(code) }
    }
}
