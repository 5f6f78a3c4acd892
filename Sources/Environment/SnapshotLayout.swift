/// The resource types a snapshot's layout holds (docs/SNAPSHOT.md), global and regional: what a
/// coverage manifest must account for in each collected account and region.
enum SnapshotLayout {
    /// Types collected once per account: roles, buckets, and the account-level Block Public Access
    /// setting (not a resource, but a bucket's findings depend on it).
    static let globalTypes = ["AWS::IAM::Role", "AWS::S3::Bucket", "AWS::S3::AccountPublicAccessBlock", "AWS::S3::MultiRegionAccessPoint"]

    /// Types collected in every region by `scripts/collect-snapshot`. Types the reader takes from
    /// files the collector does not write yet (`ResourcePolicyCommand.collected`) are not expected:
    /// a manifest says nothing about them (docs/SNAPSHOT.md).
    static var regionalTypes: [String] {
        let policies = ResourcePolicyCommand.all.filter { $0.regional && $0.collected }
            .flatMap { [$0.resourceType] + ($0.otherTypeCollected ? $0.otherType.map { [$0.type] } ?? [] : []) }
        let sharing = SharingAttributeCommand.all.map(\.resourceType)
        var seen = Set<String>()
        return (policies + sharing).filter { seen.insert($0).inserted }
    }
}
