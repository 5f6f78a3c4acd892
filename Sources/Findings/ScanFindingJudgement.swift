import Analysis

/// A scan finding's severity and remediation, judged from what it grants as `check` judges its
/// findings (`FindingSeverity`, `FindingRemediation` in Analysis), so every report and command
/// rates one access alike. Computed, not stored: a finding read back from an earlier
/// `findings.json` is judged by this run's scale.
extension ScanFinding {
    public var grantedAccess: GrantedAccess {
        GrantedAccess(resourceType: resourceType, principal: principal, principalKind: principalKind, actions: actions,
                      conditions: conditions, isPublic: isPublic, source: source)
    }

    public var severity: FindingSeverity { FindingSeverity(grantedAccess) }

    public var remediation: FindingRemediation { FindingRemediation(grantedAccess) }
}
