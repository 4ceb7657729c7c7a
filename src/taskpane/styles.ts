/** Shared layout of the task pane (about 350 px wide). */
import { makeStaticStyles, makeStyles, tokens } from '@fluentui/react-components';

/** The page itself: no margin around the pane. */
export const usePageStyles = makeStaticStyles({ 'html, body': { margin: 0, padding: 0 } });

export const useStyles = makeStyles({
  root: {
    overflowX: 'hidden',
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} 0`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // Four tabs do not fit 350 px on one line: the last one wraps rather than scrolling the pane sideways.
  tabs: { marginTop: tokens.spacingVerticalXS, flexWrap: 'wrap' },
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
  card: {
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow2,
  },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', minWidth: 0 },
  grow: { flex: '1 1 0', minWidth: 0 },
  year: { flex: '0 0 88px', minWidth: 0 },
  /** Inputs and selects fill their field and never push the pane wider than it is. */
  full: { width: '100%', minWidth: 0, maxWidth: '100%' },
  selectEl: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  counts: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  formTitle: { marginTop: tokens.spacingVerticalS },
  severityTitle: { color: tokens.colorNeutralForeground2 },
  finding: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `4px solid ${tokens.colorNeutralStroke1}`,
    boxShadow: tokens.shadow2,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  info: { borderLeftColor: tokens.colorBrandStroke1 },
  file: { display: 'flex', flexDirection: 'column', gap: '2px' },
  fileName: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  hidden: { display: 'none' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});
