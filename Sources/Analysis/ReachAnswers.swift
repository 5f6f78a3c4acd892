import Authorizer
import Encoding
import Policy

/// `PrincipalReach` answers kept for one run over one snapshot (issue 18's scale): each question
/// is put to the solver once, and once for a whole class of callers when the question cannot
/// tell the class's members apart.
///
/// A *class* is given by the asker (`callerClass`): a string naming the content of the caller's
/// side — its kind, account, organization, identity policies, boundary and SCPs — so that two
/// callers with one class differ at most in their ARN, name, unique id and tags. A question is
/// answered for the class when its policies (both sides) cannot tell the members apart
/// (`MemberDistinction`: no `Principal` entry could name this member, no key derived from the
/// caller's identity, no policy variable; tags only when the question leaves them free or every
/// member keyed here has the same), and the target is not the member itself. Otherwise it is
/// answered for the member alone.
///
/// A class answer is exact for every member: the question of one member is the question of
/// another with their ARN, name, id (and unread tags) exchanged, which nothing in the policies
/// reads. Still, nothing is believed without a replay: an UNSAT answer is shared as it is (a
/// proof for the class), a witness is moved to the member (its caller replaced by the member,
/// a session keeping its name) and replayed through the Authorizer against the member's question;
/// should it not replay, or should the class answer be UNPROVEN (whose reason names the first
/// member's request), the member's own question is asked.
///
/// Keys assume one snapshot: a target is its type and ARN, whose policies do not change within
/// the run. Not thread-safe; one search at a time.
public final class ReachAnswers {
    private struct Key: Hashable {
        var caller: String
        var anyTags: Bool
        /// The session's source identity state (`PrincipalPin.sourceIdentity`): an answer with
        /// the keys absent is no answer with them free.
        var sourceIdentity: SourceIdentityState
        var tags: [String: String]?
        var resourceType: ResourceType
        var resourceARN: String
        var actions: [String]?
        var restrictPublicBucketsOwners: [String]?
    }

    private var answers: [Key: ReachAnswer] = [:]
    private var callerReadings: [String: MemberDistinction] = [:]
    private var targetReadings: [String: MemberDistinction] = [:]
    private let catalog: ActionCatalog?

    /// Questions put to `PrincipalReach` (the solver or its screen), and answers taken from the
    /// cache (shared within a class or asked before).
    public private(set) var asked = 0
    public private(set) var reused = 0
    /// Answers held (class and member keys).
    public var held: Int { answers.count }

    /// Whether a class answer moved to a member is kept under the member's key too: a command
    /// about one resource (`who-can`) asks the same member's questions again from every search
    /// that visits it, and keeps few; a scan keeps each class answer once.
    private let keepsMovedAnswers: Bool

    public init(catalog: ActionCatalog? = .shipped, keepsMovedAnswers: Bool = false) {
        self.catalog = catalog
        self.keepsMovedAnswers = keepsMovedAnswers
    }

    /// `question`'s answer, from the cache when it was asked before for this caller or, when it
    /// cannot tell them apart, for its class.
    public func ask(_ question: ReachQuestion, callerClass: String?, timeoutMilliseconds: UInt32) -> ReachAnswer {
        let pin = question.caller
        let member = memberKey(pin)
        let key = Key(caller: member, anyTags: pin.anyTags, sourceIdentity: pin.sourceIdentity, tags: nil, resourceType: question.resourceType,
                      resourceARN: question.resourceARN, actions: question.actions,
                      restrictPublicBucketsOwners: question.restrictPublicBucketsOwners)
        if let known = answers[key] {
            reused += 1
            return known
        }
        if let callerClass, shareable(question, callerClass: callerClass) {
            var classKey = key
            classKey.caller = "class\u{1E}" + callerClass
            if !pin.anyTags && reading(question, callerClass: callerClass).readsTags { classKey.tags = pin.principal.tags }
            if let shared = answers[classKey] {
                // Kept under the member's key only with `keepsMovedAnswers`: a scan keeps a class's
                // answers once, not once per member.
                switch shared {
                case .unreachable:
                    reused += 1
                    return shared
                case .reachable(let witness):
                    if let moved = Self.move(witness, to: question) {
                        reused += 1
                        if keepsMovedAnswers { answers[key] = .reachable(moved) }
                        return .reachable(moved)
                    }
                case .unproven:
                    break
                }
            } else {
                let answer = solve(question, timeoutMilliseconds: timeoutMilliseconds)
                answers[classKey] = answer
                answers[key] = answer
                return answer
            }
        }
        let answer = solve(question, timeoutMilliseconds: timeoutMilliseconds)
        answers[key] = answer
        return answer
    }

    private func solve(_ question: ReachQuestion, timeoutMilliseconds: UInt32) -> ReachAnswer {
        asked += 1
        return PrincipalReach.ask(question, catalog: catalog, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// The caller itself: a user's ARN, a role's (any session of it), with what the pin leaves free.
    private func memberKey(_ pin: PrincipalPin) -> String {
        let principal = pin.principal
        return ["member", principal.kind.rawValue, principal.arn ?? "", principal.roleArn ?? "", principal.userID ?? "",
                pin.anySessionName ? "any-session" : ""].joined(separator: "\u{1E}")
    }

    /// Whether `question` has one answer for every member of `callerClass` (see the type's comment).
    private func shareable(_ question: ReachQuestion, callerClass: String) -> Bool {
        let principal = question.caller.principal
        guard principal.kind == .iamUser || principal.kind == .assumedRoleSession else { return false }
        let target = question.resourceARN.lowercased()
        if [principal.arn, principal.roleArn].contains(where: { $0?.lowercased() == target }) { return false }
        let reading = reading(question, callerClass: callerClass)
        return !reading.readsIdentity && !reading.names(question.caller)
    }

    private func reading(_ question: ReachQuestion, callerClass: String) -> MemberDistinction {
        let policies = question.policies
        let caller: MemberDistinction
        if let known = callerReadings[callerClass] {
            caller = known
        } else {
            caller = MemberDistinction((policies.identityPolicies ?? []) + [policies.permissionsBoundary, policies.sessionPolicy].compactMap { $0 }
                                       + (policies.serviceControlPolicies ?? []).flatMap { $0 })
            callerReadings[callerClass] = caller
        }
        let targetKey = question.resourceType.rawValue + "\u{1E}" + question.resourceARN
        let target: MemberDistinction
        if let known = targetReadings[targetKey] {
            target = known
        } else {
            target = MemberDistinction([policies.resourcePolicy].compactMap { $0 } + (policies.accessPointPolicies ?? [])
                                       + (policies.resourceControlPolicies ?? []).flatMap { $0 })
            targetReadings[targetKey] = target
        }
        return caller.merged(with: target)
    }

    /// `witness`, a class answer found for another member, moved to `question`'s caller and
    /// replayed; nil when it does not replay.
    private static func move(_ witness: Request, to question: ReachQuestion) -> Request? {
        let pin = question.caller
        var decoded = witness.principal
        if pin.anySessionName, pin.principal.kind == .assumedRoleSession {
            // Without the role's id the session's aws:userid is not known: ask the member.
            guard let roleArn = pin.principal.roleArn, let roleID = pin.principal.userID,
                  let sessionARN = decoded.arn, let slash = sessionARN.lastIndex(of: "/") else { return nil }
            let session = String(sessionARN[sessionARN.index(after: slash)...])
            let moved = Principal.assumedRole(roleArn: roleArn, sessionName: session)
            decoded.arn = moved.arn
            decoded.roleArn = roleArn
            decoded.userID = roleID + ":" + session
        }
        var request = witness
        request.principal = pin.caller(of: decoded)
        return PrincipalReach.movedWitnessProblems(request, question: question).isEmpty ? request : nil
    }
}
