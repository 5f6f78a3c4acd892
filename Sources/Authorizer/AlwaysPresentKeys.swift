/// The global condition keys AWS puts in every request's context: "This key is always included
/// in the request context" (IAM User Guide, "AWS global condition context keys",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html:
/// aws:SecureTransport, aws:CurrentTime, aws:EpochTime). The question states them present
/// (`ExternalAccessQuery`) and witness candidates send them (`WitnessCandidates`).
public enum AlwaysPresentKeys {
    public static let names = ["aws:SecureTransport", "aws:CurrentTime", "aws:EpochTime"]

    /// Values of every key for a readable request: over TLS, at 2026-01-01T00:00:00Z.
    public static var example: RequestContext {
        var context = RequestContext()
        context["aws:SecureTransport"] = .bool(true)
        context["aws:CurrentTime"] = .date("2026-01-01T00:00:00Z")
        context["aws:EpochTime"] = .number(1_767_225_600)
        return context
    }
}
