import Authorizer
import Policy

/// An S3 access point attached to a bucket: the route a request to the bucket takes when it is
/// made through the access point.
///
/// A request through an access point is allowed only when both the access point's policy and the
/// bucket's policy allow it (S3 User Guide, "Configuring IAM policies for using access points":
/// "both the access point and the underlying bucket must permit the request";
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html). A bucket
/// policy may delegate access control to access points with a condition on
/// `s3:DataAccessPointAccount` (or `s3:DataAccessPointArn`), keys every request through an access
/// point carries and no request made to the bucket directly (`AccessPointRequestKeys`).
///
/// ```swift
/// let ap = S3AccessPoint(name: "my-access-point", arn: "arn:aws:s3:us-west-2:111122223333:accesspoint/my-access-point",
///                        account: "111122223333", bucket: "amzn-s3-demo-bucket", networkOrigin: .internet, policy: apPolicy)
/// var bucket = AnalyzedResource(arn: "arn:aws:s3:::amzn-s3-demo-bucket", type: .s3Bucket, account: "111122223333", policy: bucketPolicy)
/// bucket.accessPoint = ap    // the question: who outside the zone reaches the bucket through `ap`?
/// ```
public struct S3AccessPoint: Sendable, Hashable {
    /// Where requests through the access point may come from (S3 Control API Reference,
    /// `GetAccessPoint`, `NetworkOrigin`: `Internet` or `VPC`;
    /// https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetAccessPoint.html).
    public enum NetworkOrigin: String, Sendable, Hashable, CaseIterable {
        case internet = "Internet"
        case vpc = "VPC"
    }

    public var name: String
    public var arn: String
    /// The account that owns the access point (the account of its ARN).
    public var account: String
    /// The bucket's name.
    public var bucket: String
    /// nil: not known, so `s3:AccessPointNetworkOrigin` may hold any value.
    public var networkOrigin: NetworkOrigin?
    /// The access point policy; nil: the access point has none (never "unknown": an unreadable
    /// policy is a snapshot diagnostic and the bucket's answer UNPROVEN).
    public var policy: Policy?
    /// The access point's own Block Public Access settings. Recorded, not applied: they can only
    /// take access away, so leaving them out over-approximates (never hides access).
    public var blockPublicAccess: BlockPublicAccess?

    public init(name: String, arn: String, account: String, bucket: String, networkOrigin: NetworkOrigin? = nil,
                policy: Policy? = nil, blockPublicAccess: BlockPublicAccess? = nil) {
        self.name = name
        self.arn = arn
        self.account = account
        self.bucket = bucket
        self.networkOrigin = networkOrigin
        self.policy = policy
        self.blockPublicAccess = blockPublicAccess
    }

    /// True when the access point's account is not the bucket owner's (or the owner is not known):
    /// Access Analyzer reports such access as `S3_ACCESS_POINT_ACCOUNT`, else `S3_ACCESS_POINT`
    /// (IAM Access Analyzer API Reference, `FindingSource`, `FindingSourceDetail`: "The account of
    /// the cross-account access point that generated the finding";
    /// https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_FindingSource.html).
    public func isCrossAccount(bucketOwner: String?) -> Bool {
        bucketOwner != account
    }

    /// The keys S3 sets on every request made through the access point, with their values
    /// (`AccessPointRequestKeys`). The network origin is left out when it is not known.
    public var requestKeys: [(key: String, value: String)] {
        var keys = [(AccessPointRequestKeys.arn, arn), (AccessPointRequestKeys.account, account)]
        if let networkOrigin { keys.append((AccessPointRequestKeys.networkOrigin, networkOrigin.rawValue)) }
        return keys
    }

    /// The resource a request through the access point names in the access point policy's terms:
    /// the bucket's ARN becomes the access point's, an object `BUCKET-ARN/KEY` becomes
    /// `AP-ARN/object/KEY` (same page: an access point policy names objects as
    /// `arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME/object/KEY`). nil for a resource outside the bucket.
    public func accessPointForm(of resource: String, bucketARN: String) -> String? {
        if resource == bucketARN { return arn }
        guard resource.hasPrefix(bucketARN + "/") else { return nil }
        return arn + "/object/" + resource.dropFirst(bucketARN.count + 1)
    }
}

extension S3AccessPoint: FieldWalkable {
    /// Every stored field, in declaration order.
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        visitor.visitValue(&name, field: "name")
        visitor.visitValue(&arn, field: "arn")
        visitor.visitValue(&account, field: "account")
        visitor.visitValue(&bucket, field: "bucket")
        visitor.visitWord(networkOrigin?.rawValue ?? "nil", field: "networkOrigin")
        visitor.visitNested(&policy, field: "policy")
        BlockPublicAccess.walk(blockPublicAccess, field: "blockPublicAccess", &visitor)
    }
}
