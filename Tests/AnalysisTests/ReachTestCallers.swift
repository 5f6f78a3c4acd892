import Authorizer
import Encoding

/// The callers the reach screen's and the targets index's hand-worked cases ask about: the user
/// alice and the sessions of the role Etl, both of account 111122223333, with their unique ids.
enum ReachTestCallers {
    static let alice = "arn:aws:iam::111122223333:user/alice"
    static let etl = "arn:aws:iam::111122223333:role/Etl"

    static var aliceUser: PrincipalPin {
        var user = Principal.user(arn: alice)
        user.userID = "AIDAALICE0000EXAMPLE"
        return PrincipalPin(user)
    }

    /// Any session of Etl (its name left free).
    static var etlSession: PrincipalPin {
        var session = Principal.assumedRole(roleArn: etl, sessionName: "rampart")
        session.userID = "AROAETL00000EXAMPLE"
        return PrincipalPin(session, anySessionName: true)
    }
}
