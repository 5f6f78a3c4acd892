import Foundation

/// The AWS services that take on a customer's role only when a caller allowed to pass it
/// (`iam:PassRole` on the role, in the role's own account) configured them with it.
///
/// IAM User Guide, "Grant a user permissions to pass a role to an AWS service"
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html): "To pass a role
/// (and its permissions) to an AWS service, a user must have permissions to pass the role to the
/// service." Such a service, named in a role's trust policy, acts for whoever passed the role,
/// who is in the role's account: with no source key saying otherwise it is not an outside caller.
///
/// A service for which this is not known may assume the role for any of its customers (the
/// cross-service confused deputy, IAM User Guide "The confused deputy problem",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html): without a source key
/// confining it, it counts as outside the zone.
///
/// The set is the services whose actions list `iam:PassRole` as a dependent action in the Service
/// Authorization Reference (shipped as `pass-role-services.txt`, written by
/// `scripts/generate-action-catalog.py`), plus `documented`: services whose own guide states it
/// where the reference's dependent-action column does not.
public enum RolePassingServices {
    /// Service principal names (`ecs-tasks.amazonaws.com`) whose guide states that using a role
    /// with them takes `iam:PassRole`, with the page that says so.
    public static let documented: [String: String] = [
        "apigateway.amazonaws.com": "https://docs.aws.amazon.com/apigateway/latest/developerguide/security_iam_troubleshoot.html",
        "batchoperations.s3.amazonaws.com": "https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-iam-role-policies.html",
        "cloudformation.amazonaws.com": "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html",
        "codebuild.amazonaws.com": "https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-permissions-reference.html",
        "codedeploy.amazonaws.com": "https://docs.aws.amazon.com/codedeploy/latest/userguide/security_iam_troubleshoot.html",
        "codepipeline.amazonaws.com": "https://docs.aws.amazon.com/codepipeline/latest/userguide/getting-started-codepipeline.html",
        "credentials.iot.amazonaws.com": "https://docs.aws.amazon.com/iot/latest/developerguide/authorizing-direct-aws.html",
        "datapipeline.amazonaws.com": "https://docs.aws.amazon.com/datapipeline/latest/DeveloperGuide/dp-get-setup.html",
        "ecs-tasks.amazonaws.com": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html",
        // The execution role is passed to Lambda, which Lambda@Edge replicates.
        "edgelambda.amazonaws.com": "https://docs.aws.amazon.com/lambda/latest/dg/access-control-identity-based.html",
        "eks.amazonaws.com": "https://docs.aws.amazon.com/eks/latest/userguide/security-iam-id-based-policy-examples.html",
        "es.amazonaws.com": "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-snapshots.html",
        "events.amazonaws.com": "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-identity-based.html",
        "glue.amazonaws.com": "https://docs.aws.amazon.com/glue/latest/dg/glue-troubleshooting-errors.html",
        "lex.amazonaws.com": "https://docs.aws.amazon.com/lex/latest/dg/conversation-logs-policies.html",
        "personalize.amazonaws.com": "https://docs.aws.amazon.com/personalize/latest/dg/aws-personalize-set-up-permissions.html",
        "pods.eks.amazonaws.com": "https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html",
        "redshift.amazonaws.com": "https://docs.aws.amazon.com/redshift/latest/mgmt/copy-unload-iam-role.html",
    ]

    /// Service prefixes from the Service Authorization Reference.
    static let prefixes: Set<String> = {
        guard let url = Bundle.module.url(forResource: "pass-role-services", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.lowercased() })
    }()

    /// Whether the service principal `name` (`lambda.amazonaws.com`) assumes a role only when a
    /// caller with `iam:PassRole` in the role's account passed it.
    public static func needsPassRole(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if documented[lowered] != nil { return true }
        guard lowered.hasSuffix(".amazonaws.com"), let label = lowered.split(separator: ".").first else { return false }
        return prefixes.contains(String(label))
    }
}
