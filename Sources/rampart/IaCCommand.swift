import Analysis
import ArgumentParser
import Environment
import Foundation
import Policy
import Reports
import Templates

extension TemplateCheckReport.FailOn: ExpressibleByArgument {}

/// `rampart iac`: infrastructure as code checked before deploy (docs/IAC.md).
struct IaCCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iac",
        abstract: "Check the resources of CloudFormation templates before deploy: can anyone outside the zone of trust reach them?",
        discussion: """
            Reads CloudFormation templates (JSON or YAML, CDK's synthesized templates included), resolves their \
            intrinsic functions, and judges each policy-bearing resource as `rampart check` does. A value the \
            template does not determine (a parameter without a value, an import, a generated name) is unknown: \
            it is read so that no answer depends on a guess, and the output says which. \
            Exit status: 1 when a resource is reachable from outside the zone (with --baseline: by a NEW or CHANGED \
            finding); else 2 when a template or a policy \
            could not be read; else 3 when a resource is UNPROVEN; else 0.
            """
    )

    @Argument(help: "CloudFormation templates (JSON or YAML), Terraform plans (terraform show -json), or folders of them (a CDK cdk.out: its *.template.json).")
    var files: [String]

    @OptionGroup var zoneOptions: ZoneOptions

    @Option(help: "The account the template is deployed to (AWS::AccountId). Default: the zone's account, when it has exactly one.")
    var account: String?

    @Option(name: .customLong("management-account"), help: "The organization's management account. The files' RCPs cap the deploy account's resources only when it is known not to be the management account (RCPs do not apply there); a --baseline with an organization says it too.")
    var managementAccount: String?

    @Flag(name: .customLong("stacks-hold-no-rcps"), help: "With --baseline: the stacks the CloudFormation templates update hold no RCP or RCP attachment (e.g. the deploy account is neither the management account nor a delegated administrator for Organizations policies), so the deployed RCPs stay after deploy and are counted. Without it they are not: a stack update deletes the RCPs its template no longer declares.")
    var stacksHoldNoRCPs = false

    @Option(help: "The region the template is deployed to (AWS::Region). Default: unknown.")
    var region: String?

    @Option(name: .customLong("stack-name"), help: "The stack's name (AWS::StackName). Default: unknown.")
    var stackName: String?

    @Option(name: .customLong("parameter"), help: "A template parameter's value, KEY=VALUE (repeatable); wins over the template's default.")
    var parameters: [String] = []

    @Option(help: "A snapshot of the deployed account or organization (as for `rampart scan`): the offline access preview — each finding NEW, CHANGED or UNCHANGED against the deployed resource, and the no-new-access check of the new policy.")
    var baseline: String?

    @Option(name: .customLong("fail-on"), help: "Exit 1 on: external (any finding; with --baseline, NEW or CHANGED ones; the default), public (public findings only), never.")
    var failOn: TemplateCheckReport.FailOn = .external

    @Option(help: "Resources analysed in parallel (default: all cores).")
    var jobs: Int?

    @OptionGroup var solver: SolverOptions

    @OptionGroup var findingLimit: FindingLimitOptions

    @Option(help: "Output format: text, json or sarif.")
    var format: OutputFormat = .text

    func run() throws {
        try CommandSupport.guarded {
            solver.apply()
            let zone = try zoneOptions.zone()
            var context = DeploymentContext(region: region, stackName: stackName)
            if let account {
                guard AccountID.isValid(account) else { throw InputError(description: "--account: \(account) is not a twelve-digit account id") }
                context.account = account
            } else if zone.accounts.count == 1 && !zone.isOrganization {
                context.account = zone.accounts[0]
            } else {
                throw InputError(description: "give --account: the account the templates are deployed to")
            }
            if let managementAccount, !AccountID.isValid(managementAccount) {
                throw InputError(description: "--management-account: \(managementAccount) is not a twelve-digit account id")
            }
            for parameter in parameters {
                guard let equals = parameter.firstIndex(of: "="), equals != parameter.startIndex else {
                    throw InputError(description: "--parameter takes KEY=VALUE, not \(parameter)")
                }
                context.parameters[String(parameter[..<equals])] = String(parameter[parameter.index(after: equals)...])
            }
            let inputs = try Self.expand(files).map { argument -> (path: String, bytes: [UInt8]) in
                switch PolicyFileReader.read(argument: argument, limit: InfrastructureDocument.limits.maxDocumentBytes) {
                case .success(let bytes): return (PolicyFileReader.path(ofArgument: argument), bytes)
                case .failure(let error): throw InputError(description: error.description)
                }
            }
            var snapshot: Snapshot?
            if let baseline {
                do {
                    snapshot = try SnapshotLoader.load(folder: baseline)
                } catch let error as SnapshotLoader.FolderError {
                    throw InputError(description: "--baseline: \(error.description)")
                }
            }
            let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
            guard jobs >= 1 else { throw InputError(description: "--jobs must be at least 1") }
            let run = TemplateCheck.run(files: inputs, context: context, zone: zone,
                                        options: solver.analysisOptions(findings: findingLimit), baseline: snapshot,
                                        managementAccount: managementAccount, stacksHoldNoRCPs: stacksHoldNoRCPs, jobs: jobs)
            try CommandSupport.emit(format, json: { TemplateCheckReport.json(run, zone: zone) },
                                    text: { TemplateCheckReport.text(run, zone: zone) },
                                    sarif: { TemplateCheckReport.sarif(run, zone: zone, toolVersion: Rampart.version,
                                                                       informationURI: InstalledDocumentation.reportsPage?.absoluteString) })
            return TemplateCheckReport.exitCode(run, failOn: failOn)
        }
    }

    /// Files as given; a folder stands for its templates: a CDK cloud assembly (`cdk.out`, with
    /// its `manifest.json`) for its `*.template.json`, any other folder for its `*.json`,
    /// `*.yaml`, `*.yml` and `*.template` files, in name order (not recursive).
    static func expand(_ arguments: [String]) throws -> [String] {
        var files: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue else {
                files.append(argument)
                continue
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: argument).sorted()
            } catch {
                throw InputError(description: "\(argument): the folder cannot be listed: \(error.localizedDescription)")
            }
            let isCloudAssembly = names.contains("manifest.json")
            let chosen = names.filter { name in
                isCloudAssembly ? name.hasSuffix(".template.json")
                    : [".json", ".yaml", ".yml", ".template"].contains { name.hasSuffix($0) }
            }
            if chosen.isEmpty { throw InputError(description: "\(argument): the folder holds no template") }
            files += chosen.map { (argument as NSString).appendingPathComponent($0) }
        }
        return files
    }
}
