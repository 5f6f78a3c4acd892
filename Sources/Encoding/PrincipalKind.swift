import Authorizer
import Z3

/// The principal kinds as a Z3 enumeration sort, in the Authorizer's `Principal.Kind` order.
public struct PrincipalKindSort {
    public let sort: Z3EnumSort
    let kinds: [Principal.Kind] = Principal.Kind.allCases

    init(context: Z3Context) throws {
        sort = try context.enumSort(named: "PrincipalKind", cases: Principal.Kind.allCases.map(\.rawValue))
    }

    func value(_ kind: Principal.Kind) throws -> Z3Enum {
        try sort.requireValue(named: kind.rawValue)
    }

    /// The kind a model's enum value stands for.
    func kind(named name: String) -> Principal.Kind? { Principal.Kind(rawValue: name) }
}

extension Principal.Kind {
    /// Users, roles, role sessions and federated users: principals with identity policies,
    /// an account, an ARN, and the derived keys that go with them.
    var isIAMIdentity: Bool {
        switch self {
        case .iamUser, .iamRole, .assumedRoleSession, .federatedUser: return true
        default: return false
        }
    }

    /// Kinds that belong to an account (`aws:PrincipalAccount` is set).
    var hasAccount: Bool { isIAMIdentity || self == .accountRoot }
}
