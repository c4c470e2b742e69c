/**
 * Every node label the graph holds and the explorer's legend lists: the expected answer of the graph
 * route and the browser tests, written out here rather than read from the code under test.
 */
export const LABELS = [
  'Document',
  'Section',
  'Measure',
  'City',
  'Port',
  'Infrastructure',
  'Institution',
  'Policy',
  'Zone',
  'Program',
  'Event',
];
