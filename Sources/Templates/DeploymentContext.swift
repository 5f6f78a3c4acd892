/// What the command line says about the deployment a template is checked for: the pseudo
/// parameters' values and the template parameters' values. Anything not given here and not
/// determined by the template is unknown.
public struct DeploymentContext: Sendable {
    /// `AWS::AccountId` (`--account`).
    public var account: String?
    /// `AWS::Region` (`--region`).
    public var region: String?
    /// `AWS::StackName` (`--stack-name`).
    public var stackName: String?
    /// Template parameters given with `--parameter K=V`; they win over the template's defaults.
    public var parameters: [String: String]

    public init(account: String? = nil, region: String? = nil, stackName: String? = nil, parameters: [String: String] = [:]) {
        self.account = account
        self.region = region
        self.stackName = stackName
        self.parameters = parameters
    }
}
