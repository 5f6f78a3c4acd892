import Policy

/// Reads S3 settings as the AWS CLI prints them.
public enum S3SettingsReader {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// `aws s3api get-public-access-block` output (`{"PublicAccessBlockConfiguration": {...}}`)
    /// or the bare configuration object.
    public static func blockPublicAccess(from bytes: [UInt8], source: String) throws -> BlockPublicAccess {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw ReadError(description: "\(source):\(error.position.line):\(error.position.column): \(error.message)")
        }
        var object = root.members ?? []
        if let inner = object.first(where: { $0.key == "PublicAccessBlockConfiguration" })?.value.members { object = inner }
        func flag(_ name: String) throws -> Bool {
            guard let member = object.first(where: { $0.key == name }) else { return false }
            guard case .bool(let value) = member.value.kind else {
                throw ReadError(description: "\(source): \(name) must be true or false")
            }
            return value
        }
        guard root.members != nil else { throw ReadError(description: "\(source): expected a JSON object") }
        return BlockPublicAccess(blockPublicAcls: try flag("BlockPublicAcls"), ignorePublicAcls: try flag("IgnorePublicAcls"),
                                 blockPublicPolicy: try flag("BlockPublicPolicy"), restrictPublicBuckets: try flag("RestrictPublicBuckets"))
    }

    /// `aws s3api get-bucket-acl` output: the owner's canonical id and the grants.
    public static func acl(from bytes: [UInt8], source: String) throws -> (owner: String?, grants: [ACLGrant]) {
        let root: JSONValue
        do { root = try JSONParser.parse(bytes) } catch {
            throw ReadError(description: "\(source):\(error.position.line):\(error.position.column): \(error.message)")
        }
        guard let members = root.members else { throw ReadError(description: "\(source): expected a JSON object") }
        let owner = members.first(where: { $0.key == "Owner" })?.value.members?.first(where: { $0.key == "ID" })?.value.stringValue
        var grants: [ACLGrant] = []
        for (index, grant) in (members.first(where: { $0.key == "Grants" })?.value.elements ?? []).enumerated() {
            guard let fields = grant.members,
                  let grantee = fields.first(where: { $0.key == "Grantee" })?.value.members,
                  let permission = fields.first(where: { $0.key == "Permission" })?.value.stringValue else {
                throw ReadError(description: "\(source): $.Grants[\(index)] needs Grantee and Permission")
            }
            let type = grantee.first(where: { $0.key == "Type" })?.value.stringValue
            let uri = grantee.first(where: { $0.key == "URI" })?.value.stringValue ?? ""
            let id = grantee.first(where: { $0.key == "ID" })?.value.stringValue
            switch (type, uri) {
            case ("Group", let uri) where uri.hasSuffix("/global/AllUsers"): grants.append(ACLGrant(grantee: .allUsers, permission: permission))
            case ("Group", let uri) where uri.hasSuffix("/global/AuthenticatedUsers"):
                grants.append(ACLGrant(grantee: .authenticatedUsers, permission: permission))
            case ("Group", let uri): grants.append(ACLGrant(grantee: .otherGroup(uri), permission: permission))
            case ("CanonicalUser", _):
                guard let id else { throw ReadError(description: "\(source): $.Grants[\(index)].Grantee needs ID") }
                grants.append(ACLGrant(grantee: .canonicalUser(id), permission: permission))
            default:
                throw ReadError(description: "\(source): $.Grants[\(index)].Grantee has an unknown Type")
            }
        }
        return (owner, grants)
    }
}
