import Policy

/// Service-linked roles: which roles they are, written once for both semantics
/// (`Principal.isServiceLinkedRole` here, `SymbolicPrincipal.isServiceLinkedRole` in the Encoding,
/// `ServiceLinkedRoleAgreementTests` between them).
///
/// A service-linked role is the role AWS creates for a service at the path `/aws-service-role/`
/// (`arn:aws:iam::ACCOUNT:role/aws-service-role/SERVICE/NAME`; IAM User Guide, "Create a
/// service-linked role", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create-service-linked-role.html).
/// Organization policies do not restrict it: "SCPs don't affect service-linked roles" (AWS
/// Organizations User Guide, "Service control policies (SCPs)"), and RCPs do not restrict the
/// actions service-linked roles take (AWS Organizations User Guide, "Resource control policies
/// (RCPs)", "Resources and entities not restricted by RCPs",
/// https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html#actions-not-restricted-by-rcps).
/// The layers each semantics exempts it from are in `Authorizer.evaluate` and
/// `EvaluationCompiler`; which role is one is decided here.
///
/// ```swift
/// ServiceLinkedRole.isServiceLinked(roleArn: "arn:aws:iam::444455556666:role/aws-service-role/s3.amazonaws.com/AWSServiceRoleForS3")  // true
/// ```
public enum ServiceLinkedRole {
    /// The start of a service-linked role's path in its ARN, after `role/` (the path's leading
    /// "/" is not written in an ARN).
    public static let pathPrefix = "aws-service-role/"

    /// Whether the role ARN names a service-linked role: its resource part begins with
    /// `role/aws-service-role/`.
    public static func isServiceLinked(roleArn: String) -> Bool {
        guard let arn = ARN(parsing: roleArn), arn.service == "iam" else { return false }
        return arn.resource.hasPrefix("role/" + pathPrefix)
    }

    /// A session of a service-linked role of `account`, as a service acting through it calls:
    /// the caller a witness candidate takes where a layer does not restrict these roles.
    public static func session(account: String) -> Principal {
        .assumedRole(roleArn: "arn:aws:iam::\(account):role/\(pathPrefix)rampart-witness.amazonaws.com/AWSServiceRoleForRampartWitness",
                     sessionName: "rampart-witness")
    }

    /// Whether some layer of `policies` does not restrict service-linked roles (SCPs, RCPs): only
    /// then can such a role be allowed what the other callers of its account are not.
    public static func escapesSomeLayer(of policies: PolicySet) -> Bool {
        policies.serviceControlPolicies != nil || policies.resourceControlPolicies != nil
    }
}
