import Authorizer
import Policy

/// An access point policy rewritten to name the bucket's resources, so that it can be evaluated
/// on the same request as the bucket policy (the bucket's ARN and `BUCKET-ARN/KEY`).
///
/// A request through an access point names `arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME` or
/// `…/accesspoint/NAME/object/KEY` to the access point policy, and the bucket and its object
/// `KEY` to the bucket policy (S3 User Guide, "Configuring IAM policies for using access points",
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html): the two
/// forms correspond one to one (`S3AccessPoint.accessPointForm`). Each `Resource`/`NotResource`
/// pattern P becomes patterns P′ that match a bucket-form resource exactly when P matches its
/// access point form:
/// - the bucket's ARN, when P matches the access point's ARN;
/// - `BUCKET-ARN/` followed by each rest of P left after reading `AP-ARN/object/` (the glob's
///   left quotient by that literal: the token positions P can be in after it, a `*` staying or
///   moving on), since the bucket's ARN holds no wildcard character.
///
/// Exact, so the statement means the same on every request of the bucket's scope. A pattern with
/// a policy variable is not quotiented: it is widened to `*` where matching more can only grant
/// more (an Allow's `Resource`, a Deny's `NotResource`) and dropped where matching less can only
/// grant more (a Deny's `Resource`, an Allow's `NotResource`; a Deny left with no pattern is
/// dropped), so access is never under-approximated. Every witness is still replayed against the
/// access point policy as written, on the access point form of its resource
/// (`AccessPointFindings`).
enum AccessPointPolicyTranslation {
    static func bucketForm(of policy: Policy, accessPoint: S3AccessPoint, bucketARN: String) -> Policy {
        var translated = policy
        translated.source = "\(policy.source) (access point \(accessPoint.arn))"
        translated.statements = policy.statements.compactMap { statement in
            guard let element = statement.resources else { return statement }
            // Matching more grants more when the statement allows on a match or denies on no match.
            let widen = (statement.effect == .allow) != element.isNegated
            var patterns: [Located<String>] = []
            for pattern in element.patterns {
                let texts = translate(pattern.value, accessPoint: accessPoint, bucketARN: bucketARN, widenVariables: widen)
                for text in texts where !patterns.contains(where: { $0.value == text }) {
                    patterns.append(Located(text, at: pattern.location))
                }
            }
            var copy = statement
            if patterns.isEmpty {
                // Nothing of the bucket's scope matches: a positive element applies to nothing (a
                // Deny is dropped; an Allow keeps a pattern no bucket-form resource matches), a
                // negated one to everything.
                if element.isNegated {
                    copy.resources = nil
                } else if statement.effect == .deny {
                    return nil
                } else {
                    patterns = [Located(accessPoint.arn, at: element.location)]
                }
            }
            if !patterns.isEmpty { copy.resources = PatternElement(isNegated: element.isNegated, patterns: patterns, location: element.location) }
            return copy
        }
        return translated
    }

    /// The bucket-form patterns of one access-point-form pattern (see the type's comment).
    static func translate(_ pattern: String, accessPoint: S3AccessPoint, bucketARN: String, widenVariables: Bool) -> [String] {
        if pattern.contains("${") {
            guard widenVariables else { return [] }
            let widened = GlobPattern.widenedOverVariables(pattern)
            return quotient(widened, accessPoint: accessPoint, bucketARN: bucketARN)
        }
        return quotient(GlobPattern(pattern), accessPoint: accessPoint, bucketARN: bucketARN)
    }

    private static func quotient(_ glob: GlobPattern, accessPoint: S3AccessPoint, bucketARN: String) -> [String] {
        var result: [String] = []
        if glob.matches(accessPoint.arn) { result.append(bucketARN) }
        let tokens = glob.tokens
        let states = glob.states(afterReading: accessPoint.arn + "/object/")
        if states.isEmpty { return result }
        // A rest after a `*` the state set also holds is matched by the rest from that `*` (it may match nothing).
        let kept = states.filter { position in !(position > 0 && tokens[position - 1] == .anyRun && states.contains(position - 1)) }
        for position in kept.sorted() {
            var rest = bucketARN + "/"
            for token in tokens[position...] {
                switch token {
                case .anyRun: rest += "*"
                case .anyOne: rest += "?"
                case .literal(let scalar): rest.unicodeScalars.append(scalar)
                }
            }
            if !result.contains(rest) { result.append(rest) }
        }
        return result
    }
}
