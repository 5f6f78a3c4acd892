/// One hop of access through roles (issue 18), as a finding of source `ROLE_CHAIN` records it:
/// `caller` — an outside principal, or a role's sessions — reaches `target` (the next role, by
/// `sts:AssumeRole…`, or the resource), with the hop's replayed request's action and resource.
public struct AccessPathStep: Sendable, Hashable, Codable {
    public var caller: String
    public var target: String
    public var action: String?
    public var resource: String?

    public init(caller: String, target: String, action: String?, resource: String?) {
        self.caller = caller
        self.target = target
        self.action = action
        self.resource = resource
    }
}
