import Analysis
import Environment
import ArgumentParser
import Foundation
import Policy
import Reports

/// `rampart check`: can anyone outside the zone of trust reach this resource?
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Prove that no principal outside the zone of trust can reach a resource, or show who can.",
        discussion: "Exit status: 0 no external access (proven), 1 external access, 3 unproven (solver timeout, memory limit or unsupported construct), 2 usage or input error."
    )

    @Option(help: "The resource policy (JSON). Optional for snapshots shared by list.")
    var policy: String?

    @Option(name: .customLong("resource-type"), help: "Resource type, e.g. AWS::S3::Bucket, AWS::IAM::Role, AWS::KMS::Key (default: inferred from the ARN).")
    var resourceType: ResourceType?

    @Option(name: .customLong("resource-arn"), help: "The resource's ARN.")
    var resourceArn: String

    @Option(name: .customLong("resource-account"), help: "The owning account (default: from the ARN, or the zone's only account).")
    var resourceAccount: String?

    @OptionGroup var zoneOptions: ZoneOptions

    @Option(help: "S3 Block Public Access settings (aws s3api get-public-access-block output); repeat for account and bucket level.")
    var bpa: [String] = []

    @Option(help: "S3 bucket ACL (aws s3api get-bucket-acl output).")
    var acl: String?

    @Option(name: .customLong("ownership-controls"), help: "S3 Object Ownership (aws s3api get-bucket-ownership-controls output): BucketOwnerEnforced disables the ACL.")
    var ownershipControls: String?

    @Option(help: "KMS key grants (aws kms list-grants output): a grantee or retiring principal outside the zone is a KMS_GRANT finding.")
    var grants: String?

    @Option(name: .customLong("shared-with"), help: "Snapshots: an account the snapshot is shared with, or 'all' (repeatable).")
    var sharedWith: [String] = []

    @Option(name: .customLong("access-point-arn"), help: "S3 buckets: judge requests made through this access point (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME) with both policies.")
    var accessPointArn: String?

    @Option(name: .customLong("access-point-policy"), help: "The access point's policy (JSON); without it, the access point has none.")
    var accessPointPolicy: String?

    @Option(name: .customLong("access-point-network-origin"), help: "The access point's network origin: Internet or VPC (default: unknown, either).")
    var accessPointNetworkOrigin: String?

    @OptionGroup var solver: SolverOptions

    @OptionGroup var findingLimit: FindingLimitOptions
    @Option(help: "fast (solver-free proofs and pinned candidate witnesses before the solver) or solver (the faithful encoding alone).")
    var engine: AnalysisEngine = .fast


    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        try CommandSupport.guarded {
            solver.apply()
            let zone = try zoneOptions.zone()
            let resource = try loadResource(zone: zone)
            let result = ExternalAccessAnalyzer.analyze(resource, zone: zone,
                                                        options: solver.analysisOptions(engine: engine, findings: findingLimit))
            try CommandSupport.emit(format, json: { ExternalAccessReport.json(result, resource: resource, zone: zone) },
                                    text: { ExternalAccessReport.text(result, resource: resource, zone: zone) },
                                    sarif: { CheckSARIF.render(status: result.status, findings: result.findings, explanation: result.explanation,
                                                               complete: result.complete, resource: resource, zone: zone, policyFile: policy,
                                                               toolVersion: Rampart.version,
                                                               informationURI: InstalledDocumentation.reportsPage?.absoluteString) })
            return ExternalAccessReport.exitCode(result.status)
        }
    }

    /// The given type, or the one the ARN's form names; an ARN malformed for the type is an error.
    private func checkedType() throws -> ResourceType {
        guard let type = resourceType ?? ResourceARNForm.inferType(resourceArn) else {
            let service = ARN(parsing: resourceArn)?.service
            let candidates = ResourceType.allCases.filter { ResourceARNForm.form(of: $0).service == service }
            if candidates.count == 1, let problem = ResourceARNForm.problem(resourceArn, type: candidates[0]) {
                throw InputError(description: "--resource-arn is not an ARN of \(candidates[0].rawValue): \(problem)")
            }
            throw InputError(description: "--resource-type is needed: \(resourceArn) is not the ARN of exactly one resource type Rampart knows")
        }
        if let problem = ResourceARNForm.problem(resourceArn, type: type) {
            throw InputError(description: "--resource-arn is not an ARN of \(type.rawValue): \(problem)")
        }
        return type
    }

    private func loadResource(zone: ZoneOfTrust) throws -> AnalyzedResource {
        let resourceType = try checkedType()
        let policyDocument = try policy.map { try CommandSupport.loadPolicy($0, type: resourceType.policyType) }
        if policyDocument == nil && !resourceType.isSharedByList {
            throw InputError(description: "--policy is required for \(resourceType.rawValue)")
        }
        var resource = AnalyzedResource(arn: resourceArn, type: resourceType, account: resourceAccount, policy: policyDocument,
                                        sharedWith: sharedWith)
        if resource.account == nil && zone.accounts.count == 1 { resource.account = zone.accounts[0] }
        for file in bpa {
            let reading = S3SettingsFileReader.publicAccessBlock(bytes: try CommandSupport.readFile(file), file: file)
            guard let settings = reading.value, reading.isComplete else { throw InputError(diagnostics: reading.diagnostics) }
            resource.blockPublicAccess = resource.blockPublicAccess.map { $0.combined(with: settings) } ?? settings
        }
        if let acl {
            let reading = S3SettingsFileReader.acl(bytes: try CommandSupport.readFile(acl), file: acl)
            guard let read = reading.value, reading.isComplete else { throw InputError(diagnostics: reading.diagnostics) }
            resource.aclGrants = read.grants.map(ACLGrant.init)
            resource.ownerCanonicalID = read.ownerID
        }
        if let ownershipControls {
            guard resourceType == .s3Bucket else { throw InputError(description: "--ownership-controls applies to AWS::S3::Bucket only") }
            let reading = S3ObjectOwnership.read(bytes: try CommandSupport.readFile(ownershipControls), file: ownershipControls)
            guard let ownership = reading.ownership, !reading.diagnostics.contains(where: { $0.severity == .error }) else {
                throw InputError(diagnostics: reading.diagnostics)
            }
            resource.aclsDisabled = ownership.disablesACLs
        }
        if let grants {
            // A listing not fully read is an input error, never an answer on the grants read.
            guard resourceType == .kmsKey else { throw InputError(description: "--grants applies to AWS::KMS::Key only") }
            let reading = KMSGrantsReader.read(bytes: try CommandSupport.readFile(grants), file: grants, resource: resourceArn)
            guard let listing = reading.listing, listing.complete else { throw InputError(diagnostics: reading.diagnostics) }
            resource.kmsGrants = listing.grants
        }
        resource.accessPoint = try loadAccessPoint(bucketType: resourceType)
        return resource
    }

    /// `--access-point-*`: the access point the requests go through (docs/CLI.md, "Access points").
    private func loadAccessPoint(bucketType: ResourceType) throws -> S3AccessPoint? {
        guard let arn = accessPointArn else {
            if accessPointPolicy != nil || accessPointNetworkOrigin != nil {
                throw InputError(description: "--access-point-policy and --access-point-network-origin need --access-point-arn")
            }
            return nil
        }
        guard bucketType == .s3Bucket else {
            throw InputError(description: "--access-point-arn applies to an AWS::S3::Bucket, not \(bucketType.rawValue)")
        }
        if let problem = ResourceARNForm.problem(arn, type: .s3AccessPoint) {
            throw InputError(description: "--access-point-arn is not an ARN of AWS::S3::AccessPoint: \(problem)")
        }
        guard let parsed = ARN(parsing: arn), parsed.resource.hasPrefix("accesspoint/"),
              let bucket = ARN(parsing: resourceArn)?.resource, !bucket.isEmpty else {
            throw InputError(description: "--access-point-arn is not an ARN of AWS::S3::AccessPoint: \(arn)")
        }
        var origin: S3AccessPoint.NetworkOrigin?
        if let text = accessPointNetworkOrigin {
            guard let known = S3AccessPoint.NetworkOrigin.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                throw InputError(description: "--access-point-network-origin is Internet or VPC, not \(text)")
            }
            origin = known
        }
        let policy = try accessPointPolicy.map { try CommandSupport.loadPolicy($0, type: .resource) }
        return S3AccessPoint(name: String(parsed.resource.dropFirst("accesspoint/".count)), arn: arn, account: parsed.account,
                             bucket: bucket, networkOrigin: origin, policy: policy)
    }
}
