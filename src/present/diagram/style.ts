// The diagram's style sheet, kept apart from the drawing: the page embeds it in its one nonce'd style block.
/** The theme of the picture: VS Code's colours by class, so light, dark and high contrast all read. */
export const DIAGRAM_CSS = `
  .diagram text { fill: var(--vscode-editor-foreground); font-family: var(--vscode-font-family); font-size: 11px; }
  .diagram text.name { font-size: 13px; font-weight: 600; }
  .diagram text.mono { font-family: var(--vscode-editor-font-family, monospace); }
  .diagram text.caption { fill: var(--vscode-descriptionForeground); font-size: 12px; }
  .diagram .detail { fill: var(--vscode-descriptionForeground); }
  .diagram .route.none { font-style: italic; }
  .diagram .region > .box { fill: none; stroke: var(--vscode-contrastBorder, var(--vscode-descriptionForeground)); stroke-dasharray: 8 5; }
  .diagram .vpc > .box { fill: none; stroke: var(--vscode-contrastBorder, var(--vscode-charts-purple)); stroke-width: 2; }
  .diagram .az > .box { fill: none; stroke: var(--vscode-contrastBorder, var(--vscode-charts-blue)); stroke-dasharray: 5 4; }
  .diagram .subnet > .box { stroke: var(--vscode-contrastBorder, var(--vscode-widget-border, var(--vscode-descriptionForeground))); fill-opacity: 0.14; }
  .diagram .subnet.public > .box { fill: var(--vscode-charts-green); stroke: var(--vscode-contrastBorder, var(--vscode-charts-green)); }
  .diagram .subnet.private > .box { fill: var(--vscode-charts-blue); stroke: var(--vscode-contrastBorder, var(--vscode-charts-blue)); }
  .diagram .chip > .box, .diagram .bar > .box, .diagram .igw > .box { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-contrastBorder, var(--vscode-widget-border, var(--vscode-descriptionForeground))); }
  .diagram .loadBalancer > .box { stroke: var(--vscode-contrastBorder, var(--vscode-charts-purple)); stroke-width: 2; }
  .diagram .autoScaling > .box { stroke: var(--vscode-contrastBorder, var(--vscode-charts-orange)); stroke-dasharray: 6 3; }
  .diagram .asgMember > .box { stroke: var(--vscode-contrastBorder, var(--vscode-charts-orange)); stroke-dasharray: 6 3; }
  .diagram .igw > .box { stroke: var(--vscode-contrastBorder, var(--vscode-charts-purple)); stroke-width: 2; }
  .diagram .group > .box { stroke-dasharray: 4 3; }
  .diagram line.route { stroke: var(--vscode-charts-green); stroke-width: 1.5; stroke-dasharray: 6 4; fill: none; }
  .diagram line.link { stroke: var(--vscode-charts-purple); stroke-width: 1.5; }
  .diagram line.dblink { stroke: var(--vscode-charts-blue); stroke-width: 1.5; stroke-dasharray: 2 3; }
  .diagram .dot { fill: var(--vscode-disabledForeground); }
  .diagram .tone-ok .dot { fill: var(--vscode-charts-green); }
  .diagram .tone-busy .dot { fill: var(--vscode-charts-yellow); }
  .diagram .tone-bad .dot { fill: var(--vscode-charts-red); }
  .diagram .tone-off .dot { fill: var(--vscode-disabledForeground); }
  .diagram .tone-off > .box { stroke-dasharray: 3 3; }
  .diagram .badge { fill: var(--vscode-disabledForeground); }
  .diagram .badge.h-ok { fill: var(--vscode-charts-green); }
  .diagram .badge.h-busy { fill: var(--vscode-charts-yellow); }
  .diagram .badge.h-bad { fill: var(--vscode-charts-red); }
  .diagram .node { cursor: pointer; outline: none; }
  .diagram .node:hover > .box { stroke: var(--vscode-focusBorder); }
  .diagram .node:focus-visible > .box, .diagram .node:focus > .box { stroke: var(--vscode-focusBorder); stroke-width: 3; }
`;
