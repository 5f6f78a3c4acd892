import Authorizer
import Encoding
import Z3

/// The condition keys S3 sets on a request made through an access point, and only there.
///
/// S3 User Guide, "Configuring IAM policies for using access points"
/// (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html),
/// "Condition keys": `s3:DataAccessPointArn` ("The ARN of the access point" the request goes
/// through), `s3:DataAccessPointAccount` (the account that owns that access point) and
/// `s3:AccessPointNetworkOrigin` (`Internet` or `VPC`, the access point's network origin). They
/// describe the access point a request goes through, so a request made to the bucket directly
/// carries none of them — which is why the page's "Delegating access control to access points"
/// bucket policy (`"StringEquals": {"s3:DataAccessPointAccount": "<bucket owner>"}`) lets in
/// only requests that come through the owner's access points, and nothing sent to the bucket
/// itself. A request through an access point carries the first two (and its network origin).
///
/// This is the one place the fact is stated: `S3AccessPoint.requestKeys` gives their values on
/// one access point's route; a bucket's own question (`AnalyzedResource.accessPoint` nil) asks
/// about requests made directly (the three keys absent) and requests through any access point
/// the analysis does not judge as a route of its own — one of an account outside
/// `AnalyzedResource.accessPointAccountsKnown`, with its keys free apart from that account.
/// `symbolic` states it for the solver, `admits` for concrete requests (witnesses); they read
/// the same keys (those the policies read) and agree (`AccessPointRequestKeysTests`).
public enum AccessPointRequestKeys {
    public static let arn = "s3:DataAccessPointArn"
    public static let account = "s3:DataAccessPointAccount"
    public static let networkOrigin = "s3:AccessPointNetworkOrigin"
    public static let names = [arn, account, networkOrigin]

    /// Whether `text` is an ARN whose account segment is one of `accounts` — an access point's
    /// ARN is `arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME` (S3 User Guide, "Referencing access
    /// points") —, as `ARNAccountRegex.arnAccountIsListed` says it symbolically: the first four
    /// segments hold no colon.
    static func arnAccountIsListed(_ text: String, in accounts: [String]) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && accounts.contains(String(parts[4]))
    }

    /// Whether a concrete request is one of a bucket's own question: made directly (none of the
    /// `read` keys present), or through an access point of an account outside `knownAccounts`
    /// (its ARN and account keys, where read, present and naming no known account).
    public static func admits(_ context: RequestContext, read: [String], knownAccounts: [String]) -> Bool {
        if read.allSatisfy({ !context.contains($0) }) { return true }
        for key in read where key == arn || key == account {
            guard let values = context.values(for: key), !values.isEmpty else { return false }
            for value in values where key == account ? knownAccounts.contains(value.text) : arnAccountIsListed(value.text, in: knownAccounts) {
                return false
            }
        }
        return true
    }

    /// The symbolic form of `admits` over `request`, for the `read` keys; nil when one of them is
    /// compared as something other than text (the keys are then left free: more requests, never fewer).
    static func symbolic(read: [String], knownAccounts: [String], request: SymbolicRequest, context: Z3Context) throws -> Z3Bool? {
        var absent: [Z3Bool] = []
        var through: [Z3Bool] = []
        let listed = try ARNAccountRegex(accounts: knownAccounts, in: context)
        for key in read {
            let values = try request.values(of: key)
            absent.append(try values.present.not())
            guard key == arn || key == account else { continue }
            through.append(values.present)
            for (slot, active) in zip(values.slots, values.active) {
                guard let text = slot.text else { return nil }
                let named = key == account ? try listed.accountIsListed(text) : try listed.arnAccountIsListed(text)
                through.append(try active.implies(named.not()))
            }
        }
        return try context.or([context.and(absent), context.and(through)])
    }
}
