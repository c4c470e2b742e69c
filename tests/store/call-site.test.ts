import { withoutCallSite } from '../../store/call-site';

describe('withoutCallSite', () => {
  const before = Error.stackTraceLimit;
  afterEach(() => {
    Error.stackTraceLimit = before;
  });

  it('runs the call with no stack frames captured, returns its value and restores the limit', () => {
    Error.stackTraceLimit = 17;
    const seen = withoutCallSite(() => ({ limit: Error.stackTraceLimit, stack: new Error('x').stack }));
    expect(seen.limit).toBe(0);
    expect(seen.stack).toBe('Error: x');
    expect(Error.stackTraceLimit).toBe(17);
    expect(new Error('y').stack?.split('\n').length).toBeGreaterThan(1);
  });

  it('restores the limit when the call throws', () => {
    Error.stackTraceLimit = 9;
    expect(() =>
      withoutCallSite(() => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(Error.stackTraceLimit).toBe(9);
  });
});
