import Analysis
import ArgumentParser
import Policy
import Reports

/// `rampart check-no-new-access --existing OLD NEW`
struct CheckNoNewAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-no-new-access",
        abstract: "PASS when the new policy allows nothing the existing one does not.",
        discussion: "Exit status: 0 PASS, 1 FAIL (with a counterexample request), 3 UNPROVEN, 2 usage or input error."
    )

    @Option(help: "The existing policy (JSON).") var existing: String
    @Argument(help: "The new policy (JSON).") var new: String
    @Option(name: .customLong("policy-type"), help: "Policy type of both (inferred when omitted).") var policyType: PolicyType?
    @OptionGroup var solver: SolverOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        try CommandSupport.guarded {
            solver.apply()
            let old = try CommandSupport.loadPolicy(existing, type: policyType)
            let updated = try CommandSupport.loadPolicy(new, type: policyType ?? old.type)
            guard old.type == updated.type else {
                throw InputError(description: "the policies are of different types (\(old.type.rawValue), \(updated.type.rawValue)); pass --policy-type")
            }
            let result = CustomChecks.noNewAccess(existing: old, new: updated, timeoutMilliseconds: solver.timeoutMilliseconds)
            try CommandSupport.emit(format, json: { CustomCheckReport.json(result, check: "check-no-new-access") },
                                text: { CustomCheckReport.text(result, check: "check-no-new-access") })
            return CustomCheckReport.exitCode(result.outcome)
        }
    }
}
