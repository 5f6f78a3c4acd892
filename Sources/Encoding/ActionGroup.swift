/// A named finite set of actions a question tests besides the policies' `Action` patterns:
/// for example the actions a catalog gives a resource type, or every action AWS defines for
/// a service. With action classes its membership is a position of the class vectors
/// (`ActionClasses.init(patterns:domain:groups:)`); with the action as a string, a disjunction
/// of equalities.
public struct ActionGroup: Hashable, Sendable {
    /// The group's name in the class vectors. Upper case, so that it is never one of the
    /// lowercased `Action` patterns it sits beside.
    public let key: String
    /// The actions, lowercased (AWS compares actions ignoring case).
    public let members: Set<String>

    public init(name: String, members: some Sequence<String>) {
        key = "GROUP " + name.uppercased()
        self.members = Set(members.map { $0.lowercased() })
    }
}
