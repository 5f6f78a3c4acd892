/// The resource types a snapshot's layout holds (docs/SNAPSHOT.md), global and regional: what a
/// coverage manifest must account for in each collected account and region.
enum SnapshotLayout {
    /// Types collected once per account: roles, buckets, and the account-level Block Public Access
    /// setting (not a resource, but a bucket's findings depend on it).
    static let globalTypes = ["AWS::IAM::Role", "AWS::S3::Bucket", "AWS::S3::AccountPublicAccessBlock"]

    /// Types collected in every region.
    static var regionalTypes: [String] {
        let policies = ResourcePolicyCommand.all.filter(\.regional).map(\.service).flatMap(ResourcePolicyCommand.resourceTypes(of:))
        let sharing = SharingAttributeCommand.all.map(\.resourceType)
        var seen = Set<String>()
        return (policies + sharing).filter { seen.insert($0).inserted }
    }
}
