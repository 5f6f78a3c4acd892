import Authorizer
import Environment
import Policy

/// One S3 ACL grant (`aws s3api get-bucket-acl`).
public struct ACLGrant: Sendable, Hashable, FieldWalkable {
    public enum Grantee: Sendable, Hashable {
        /// `http://acs.amazonaws.com/groups/global/AllUsers`: anyone, anonymous included.
        case allUsers
        /// `http://acs.amazonaws.com/groups/global/AuthenticatedUsers`: any AWS account.
        case authenticatedUsers
        case canonicalUser(String)
        /// Another group (log delivery): a service, not external.
        case otherGroup(String)
    }

    public var grantee: Grantee
    /// `READ`, `WRITE`, `READ_ACP`, `WRITE_ACP`, `FULL_CONTROL`.
    public var permission: String

    public init(grantee: Grantee, permission: String) {
        self.grantee = grantee
        self.permission = permission
    }

    /// A grant as `S3SettingsFileReader` read it (a snapshot's file or `check --acl`): S3 User
    /// Guide, "Access control list (ACL) overview", grantee types and predefined groups.
    public init(_ grant: BucketACL.Grant) {
        let uri = grant.uri ?? ""
        let grantee: Grantee
        switch grant.granteeType {
        case "Group" where uri.hasSuffix("/global/AllUsers"): grantee = .allUsers
        case "Group" where uri.hasSuffix("/global/AuthenticatedUsers"): grantee = .authenticatedUsers
        case "Group": grantee = .otherGroup(uri)
        default: grantee = .canonicalUser(grant.id ?? uri)
        }
        self.init(grantee: grantee, permission: grant.permission)
    }

    /// The grantee's id or group URI is a value; its kind and the permission are words.
    public mutating func walkFields<Visitor: FieldVisitor>(_ visitor: inout Visitor) {
        switch grantee {
        case .allUsers: visitor.visitWord("allUsers", field: "grantee")
        case .authenticatedUsers: visitor.visitWord("authenticatedUsers", field: "grantee")
        case .canonicalUser(var id):
            visitor.visitWord("canonicalUser", field: "grantee")
            visitor.visitValue(&id, field: "grantee")
            if Visitor.rewritesValues { grantee = .canonicalUser(id) }
        case .otherGroup(var uri):
            visitor.visitWord("otherGroup", field: "grantee")
            visitor.visitValue(&uri, field: "grantee")
            if Visitor.rewritesValues { grantee = .otherGroup(uri) }
        }
        visitor.visitWord(permission, field: "permission")
    }

    /// The S3 actions a bucket ACL permission allows (S3 User Guide, "Access control list (ACL)
    /// overview", "Mapping of ACL permissions and access policy permissions").
    public var actions: [String] {
        switch permission {
        case "READ": return ["s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListBucketVersions"]
        case "WRITE": return ["s3:DeleteObject", "s3:PutObject"]
        case "READ_ACP": return ["s3:GetBucketAcl"]
        case "WRITE_ACP": return ["s3:PutBucketAcl"]
        case "FULL_CONTROL":
            return ["s3:DeleteObject", "s3:GetBucketAcl", "s3:ListBucket", "s3:ListBucketMultipartUploads",
                    "s3:ListBucketVersions", "s3:PutBucketAcl", "s3:PutObject"]
        default: return []
        }
    }
}
