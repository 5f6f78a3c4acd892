import Analysis
import ArgumentParser
import Policy
import Reports

/// `rampart check-no-public-access --policy FILE --resource-type T [--resource-arn ARN]`
struct CheckNoPublicAccessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-no-public-access",
        abstract: "PASS when a resource policy grants no public access.",
        discussion: "Exit status: 0 PASS, 1 FAIL, 3 UNPROVEN, 2 usage or input error."
    )

    @Option(help: "The resource policy (JSON).") var policy: String
    @Option(name: .customLong("resource-type"), help: "Resource type, e.g. AWS::S3::Bucket.") var resourceType: ResourceType
    @Option(name: .customLong("resource-arn"), help: "The resource's ARN (default: any resource of the type).") var resourceArn: String?
    @OptionGroup var solver: SolverOptions

    @OptionGroup var findingLimit: FindingLimitOptions
    @Option(help: "fast (solver-free proofs and pinned candidate witnesses before the solver) or solver (the faithful encoding alone).")
    var engine: AnalysisEngine = .fast
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        try CommandSupport.guarded {
            solver.apply()
            let document = try CommandSupport.loadPolicy(policy, type: resourceType.policyType)
            let result = CustomChecks.noPublicAccess(policy: document, type: resourceType, resourceArn: resourceArn,
                                                     options: solver.analysisOptions(engine: engine, findings: findingLimit))
            try CommandSupport.emit(format, json: { CustomCheckReport.json(result, check: "check-no-public-access", resourceType: resourceType) },
                                    text: { CustomCheckReport.text(result, check: "check-no-public-access") },
                                    sarif: { CheckSARIF.render(status: result.outcome == .unproven ? .unproven : result.findings.isEmpty ? .noExternalAccess : .externalAccess, findings: result.findings, explanation: result.reasons,
                                                               complete: true,
                                                               resource: AnalyzedResource(arn: resourceArn ?? "*", type: resourceType, account: nil, policy: document),
                                                               zone: ZoneOfTrust(accounts: []), policyFile: policy, toolVersion: Rampart.version,
                                                               informationURI: InstalledDocumentation.reportsPage?.absoluteString) })
            return CustomCheckReport.exitCode(result.outcome)
        }
    }
}
