/// The stable codes of policy diagnostics. The raw value is what JSON output and
/// documentation show; a code's meaning never changes once published.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable, Codable {
    // Reading the document.
    case invalidJSON = "INVALID_JSON"
    case invalidUTF8 = "INVALID_UTF8"
    case emptyDocument = "EMPTY_DOCUMENT"
    case limitExceeded = "LIMIT_EXCEEDED"
    case unreadableFile = "UNREADABLE_FILE"
    case invalidCharacter = "INVALID_CHARACTER"

    // Structure.
    case typeMismatch = "TYPE_MISMATCH"
    case unknownElement = "UNKNOWN_ELEMENT"
    case duplicateKey = "DUPLICATE_KEY"
    case missingStatement = "MISSING_STATEMENT"
    case emptyStatementList = "EMPTY_STATEMENT_LIST"
    case missingEffect = "MISSING_EFFECT"
    case invalidEffect = "INVALID_EFFECT"
    case missingAction = "MISSING_ACTION"
    case actionAndNotAction = "ACTION_AND_NOT_ACTION"
    case missingResource = "MISSING_RESOURCE"
    case resourceAndNotResource = "RESOURCE_AND_NOT_RESOURCE"
    case resourceNotAllowed = "RESOURCE_NOT_ALLOWED"
    case missingPrincipal = "MISSING_PRINCIPAL"
    case principalAndNotPrincipal = "PRINCIPAL_AND_NOT_PRINCIPAL"
    case principalNotAllowed = "PRINCIPAL_NOT_ALLOWED"
    case emptyValue = "EMPTY_VALUE"

    // Version, Id, Sid.
    case missingVersion = "MISSING_VERSION"
    case unsupportedVersion = "UNSUPPORTED_VERSION"
    case variablesNeedVersion = "POLICY_VARIABLES_NEED_2012_10_17"
    case duplicateSid = "DUPLICATE_SID"
    case invalidSid = "INVALID_SID"

    // Principals, actions, resources.
    case unknownPrincipalType = "UNKNOWN_PRINCIPAL_TYPE"
    case invalidPrincipal = "INVALID_PRINCIPAL"
    case wildcardInPrincipalARN = "WILDCARD_IN_PRINCIPAL_ARN"
    case invalidAction = "INVALID_ACTION"
    case invalidARN = "INVALID_ARN"

    // Conditions.
    case unknownConditionOperator = "UNKNOWN_CONDITION_OPERATOR"
    case ifExistsOnNull = "IF_EXISTS_NOT_ALLOWED_WITH_NULL"
    case setQualifierNotAllowed = "SET_QUALIFIER_NOT_ALLOWED"
    case invalidConditionKey = "INVALID_CONDITION_KEY"
    case invalidNumber = "INVALID_NUMBER"
    case invalidDate = "INVALID_DATE"
    case invalidBool = "INVALID_BOOL"
    case invalidCIDR = "INVALID_CIDR"
    case invalidBinary = "INVALID_BINARY"
    case invalidNull = "INVALID_NULL_VALUE"
    case wildcardWithoutLikeOperator = "WILDCARD_WITH_EQUALS_OPERATOR"
    case forAllValuesWithAllow = "FOR_ALL_VALUES_WITH_ALLOW"
    case ifExistsNegatedWithDeny = "NEGATED_IF_EXISTS"
    case invalidPolicyVariable = "INVALID_POLICY_VARIABLE"

    // Security and size.
    case allowWithNotPrincipal = "ALLOW_WITH_NOT_PRINCIPAL"
    case publicAllowWithoutCondition = "PUBLIC_ALLOW_WITHOUT_CONDITION"
    case passRoleWithWildcard = "PASS_ROLE_WITH_STAR_RESOURCE"
    case policySizeExceeded = "POLICY_SIZE_EXCEEDED"
    case policySizeAboveDefaultQuota = "POLICY_SIZE_ABOVE_DEFAULT_QUOTA"
    case redundantStatement = "REDUNDANT_WILDCARD"
}
