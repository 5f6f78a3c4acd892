@testable import Analysis
import XCTest

/// `ActionCatalog.entries(ofCatalogText:)`: the shipped catalog's lines read as bytes — each line
/// split at its first two tabs (a later tab stays in the access level, which then names no
/// level), comment and empty lines skipped — and the shipped catalog as the Service
/// Authorization Reference gives a few well-known actions.
final class ActionCatalogTextTests: XCTestCase {
    func testLinesSplitAtTheirFirstTwoTabs() {
        let text = "# a comment\n\ns3:GetObject\tarn:${Partition}:s3:::${BucketName}/${ObjectName}\tRead\n"
            + "s3:ListAllMyBuckets\t\tList\nsqs:SendMessage\nkms:Decrypt\tarn:a|arn:b\tWrite\textra\n#s3:Hidden\t\tRead"
        let entries = ActionCatalog.entries(ofCatalogText: Array(text.utf8))
        XCTAssertEqual(entries.map(\.0), ["s3:GetObject", "s3:ListAllMyBuckets", "sqs:SendMessage", "kms:Decrypt"])
        XCTAssertEqual(entries.map(\.1), ["arn:${Partition}:s3:::${BucketName}/${ObjectName}", "", "", "arn:a|arn:b"])
        XCTAssertEqual(entries.map(\.2), [.read, .list, nil, nil])
    }

    func testTheShippedCatalogKnowsWellKnownActions() {
        let catalog = ActionCatalog.shipped
        XCTAssertEqual(catalog.accessLevel(of: "s3:GetObject"), .read)
        XCTAssertEqual(catalog.accessLevel(of: "s3:putbucketpolicy"), .permissionsManagement)
        XCTAssertEqual(catalog.spelling(of: "sqs:sendmessage"), "sqs:SendMessage")
        XCTAssertTrue(catalog.actions(ofService: "S3").contains("s3:ListBucket"))
        XCTAssertGreaterThan(catalog.actions(ofService: "ec2").count, 500)
    }
}
