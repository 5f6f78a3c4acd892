/// The style sheet of `report.html`, inline (no external stylesheet, font or image).
enum HTMLReportStyle {
    static let css = """
        body{font:15px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
        main{max-width:1400px;margin:0 auto;padding:24px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #d8dce3;padding-bottom:4px}
        .meta{color:#5b6475;margin-bottom:16px}
        table{border-collapse:collapse;background:#fff}td,th{border:1px solid #d8dce3;padding:5px 9px;text-align:left;vertical-align:top}
        td.n{text-align:right;font-variant-numeric:tabular-nums}
        .overview{display:grid;grid-template-columns:minmax(280px,380px) 1fr;gap:18px;align-items:start}
        table.counts{width:100%;font-size:14px}table.counts th{font-weight:normal}
        .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
        .chart{margin:0;background:#fff;border:1px solid #d8dce3;border-radius:4px;padding:8px 10px}
        .chart figcaption{font-weight:600;font-size:14px;margin-bottom:6px}
        .chart .empty{color:#5b6475;margin:4px 0}
        table.bars{width:100%;background:none}table.bars th,table.bars td{border:0;padding:2px 4px;font-size:13px}
        table.bars th{font-weight:normal;max-width:180px;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
        table.bars td.bar{width:45%}table.bars td.n{width:1%;white-space:nowrap}
        .fill{display:block;height:12px;min-width:1px;background:#5c7cba;border-radius:2px}
        .fill.CRITICAL{background:#7f0000}.fill.HIGH{background:#d84315}.fill.MEDIUM{background:#f9a825}.fill.LOW{background:#90a4ae}
        .fill.public{background:#c62828}.fill.cross{background:#c98a00}.fill.new{background:#1565c0}.fill.old{background:#7a8699}
        .fill.resolved{background:#2e7d32}.fill.rest{background:#b0b8c4}
        a{color:#1452a8}
        .filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;background:#fff;border:1px solid #d8dce3;border-radius:4px;padding:10px 12px;margin-bottom:8px}
        .filters label{display:flex;flex-direction:column;font-size:12px;color:#5b6475;gap:2px}
        .filters label.inline{flex-direction:row;align-items:center;gap:5px;font-size:14px;color:#1d2330}
        .filters input[type=search]{width:240px}.filters select{max-width:230px}
        .filters input,.filters select,.filters button,.pager button,.pager select{font:inherit;font-size:14px}
        .pager{display:flex;gap:8px;align-items:center;margin:8px 0;flex-wrap:wrap}
        .pager .status{flex:1;color:#5b6475}
        table.findings{width:100%;font-size:14px}
        table.findings th{background:#eef0f4;white-space:nowrap}
        table.findings th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer;color:inherit}
        table.findings th[aria-sort=ascending] button::after{content:" \\25B4"}table.findings th[aria-sort=descending] button::after{content:" \\25BE"}
        table.grouped .c-resource,table.grouped .c-resourceType,table.grouped .c-account{display:none}
        tr.group td{background:#e9edf5;border-top:2px solid #b9c2d3}
        tr.group .arn{font-weight:600;margin:0 8px 0 2px}.group-meta{color:#5b6475}
        tr.finding{cursor:pointer}tr.finding:hover td{background:#f7f9fc}tr.finding.open td{background:#fff8e6}
        tr.finding td code{word-break:break-all}
        button.toggle{border:0;background:none;cursor:pointer;font-size:14px;padding:0 2px}
        tr.detail td{background:#fffdf7;padding:8px 14px 12px}
        td.empty{color:#5b6475;text-align:center;padding:16px}
        .caption{margin-top:8px;color:#5b6475}
        .badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 7px;border-radius:10px;margin-right:6px;background:#e6e9ef;white-space:nowrap}
        .badge.CRITICAL{background:#7f0000;color:#fff}.badge.HIGH{background:#d84315;color:#fff}.badge.MEDIUM{background:#f9a825}.badge.LOW{background:#cfd8dc}
        .badge.PUBLIC{background:#c62828;color:#fff}.badge.NEW{background:#1565c0;color:#fff}.badge.RESOLVED{background:#2e7d32;color:#fff}
        .badge.ARCHIVED{background:#7a8699;color:#fff}
        code,pre{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
        pre{background:#f0f2f5;border:1px solid #e0e3e8;padding:8px 10px;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:4px 0}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:4px 0}dt{color:#5b6475}dd{margin:0}
        .ERROR{color:#c62828;font-weight:600}.WARNING{color:#a66a00;font-weight:600}
        .script-error{background:#fde8e8;border:1px solid #c62828;color:#7f0000;padding:8px 12px;border-radius:4px}
        details>summary{cursor:pointer;color:#1452a8;margin:6px 0}
        """
}
