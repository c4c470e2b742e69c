import { ApiError } from '../../../server/http/errors';
import { choiceParam, intParam, keyParam, listParam, textParam } from '../../../server/http/params';

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

describe('request parameters', () => {
  it('reads integers in range and names the parameter otherwise', () => {
    const range = { min: 1, max: 3, fallback: 1 };
    expect(intParam({}, 'depth', range)).toBe(1);
    expect(intParam({ depth: ' 2 ' }, 'depth', range)).toBe(2);
    expect(intParam({ depth: '' }, 'depth', range)).toBe(1);
    for (const bad of ['9', '0', '1.5', 'two', '1e1', '-1']) {
      const error = failure(() => intParam({ depth: bad }, 'depth', range));
      expect(error).toMatchObject({ status: 400, param: 'depth' });
      expect(error.message).toMatch(/^depth: expected an integer from 1 to 3/);
    }
    expect(failure(() => intParam({ depth: ['1', '2'] }, 'depth', range)).param).toBe('depth');
  });

  it('reads comma-separated or repeated lists of known words', () => {
    const labels = ['Port', 'City', 'Measure'];
    expect(listParam({}, 'types', labels)).toBeUndefined();
    expect(listParam({ types: 'Port, City,Port' }, 'types', labels)).toEqual(['Port', 'City']);
    expect(listParam({ types: ['Port', 'Measure'] }, 'types', labels)).toEqual(['Port', 'Measure']);
    expect(failure(() => listParam({ types: 'Port,Ship' }, 'types', labels)).message).toMatch(/"Ship"/);
    expect(failure(() => listParam({ types: ',' }, 'types', labels)).param).toBe('types');
  });

  it('reads one of a set of choices', () => {
    expect(choiceParam({}, 'format', ['json', 'csv'], 'json')).toBe('json');
    expect(choiceParam({ format: 'csv' }, 'format', ['json', 'csv'], 'json')).toBe('csv');
    expect(failure(() => choiceParam({ format: 'xls' }, 'format', ['json', 'csv'], 'json')).param).toBe(
      'format',
    );
  });

  it('treats blank text as absent', () => {
    expect(textParam({ q: '  ' }, 'q')).toBeUndefined();
    expect(textParam({ q: ' 港珠 ' }, 'q')).toBe('港珠');
  });

  it('joins wildcard path segments back into a key', () => {
    expect(keyParam(['doc', 'm16'])).toBe('doc/m16');
    expect(keyParam(['doc/m16'])).toBe('doc/m16');
    expect(keyParam('港珠澳大桥')).toBe('港珠澳大桥');
  });
});
