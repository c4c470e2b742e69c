/**
 * The WebGL programs the graph view draws with. Nodes: filled discs with a border (@sigma/node-border).
 * Edges: one program, EdgeShapeProgram, for every look in core/graph/style.ts: a plain line, a
 * straight arrow and a curved arrow are the same program with a curvature of 0 or not and an
 * arrowhead or not, read per edge from its display data (`edgeShape`). The plain-line program stays
 * for large graphs, where most edges are drawn as plain lines (`plainEdges`) and its cheaper shader
 * matters.
 *
 * Why one program and not sigma's three (rectangle, clamped line + arrowhead, curve): each program is
 * its own pipeline for the GPU to build on first use, and where WebGL runs on the CPU (SwiftShader:
 * machines without a GPU, CI) each cost ~20 ms before the first frame could show. The shaders are
 * @sigma/edge-curve's (MIT), with a straight path (distance to a segment, a band the edge's width)
 * beside the curve and the arrowhead made optional per edge.
 */
import { createNodeBorderProgram } from '@sigma/node-border';
import type { Attributes } from 'graphology-types';
import { EdgeProgram, EdgeRectangleProgram, type ProgramInfo } from 'sigma/rendering';
import type { EdgeDisplayData, NodeDisplayData, RenderParams } from 'sigma/types';
import { floatColor } from 'sigma/utils';
import type { EdgeAttributes, NodeAttributes } from '../../../core/graph/schema';
import type { EdgeLook } from '../../../core/graph/style';

export const NodeProgram = createNodeBorderProgram<NodeAttributes, EdgeAttributes>({
  borders: [
    {
      size: { attribute: 'borderSize', defaultValue: 0.12 },
      color: { attribute: 'borderColor', defaultValue: '#ffffff' },
    },
    { size: { fill: true }, color: { attribute: 'color' } },
  ],
});

/** A curved edge bows out by this fraction of its length (@sigma/edge-curve's default). */
export const CURVATURE = 0.25;
/**
 * Arrowhead length and width in edge thicknesses: sigma's own on straight arrows, @sigma/edge-curve's
 * longer one on curves (as they were drawn by those programs).
 */
const STRAIGHT_HEAD = [2.5, 2] as const;
const CURVED_HEAD = [5, 4] as const;

/** The display data an edge of `look` is drawn with: the program, its curvature and arrowhead. */
export function edgeShape(look: EdgeLook | 'plain'): { type: string; curvature: number; arrow: boolean } {
  if (look === 'plain') return { type: 'line', curvature: 0, arrow: false };
  return { type: 'shape', curvature: look === 'curvedArrow' ? CURVATURE : 0, arrow: look !== 'line' };
}

/** What both shaders declare alike: the arrowheads' proportions and what the vertex passes on. */
const SHARED = /* glsl */ `
uniform vec2 u_straightHead;
uniform vec2 u_curvedHead;

varying vec4 v_color;
varying float v_thickness;
varying float v_feather;
varying vec2 v_cpA;
varying vec2 v_cpB;
varying vec2 v_cpC;
varying float v_curved;
varying float v_targetSize;
`;

const VERTEX_SHADER = /* glsl */ `
attribute vec4 a_id;
attribute vec4 a_color;
attribute float a_direction;
attribute float a_thickness;
attribute vec2 a_source;
attribute vec2 a_target;
attribute float a_current;
attribute float a_curvature;
attribute float a_targetSize;

uniform mat3 u_matrix;
uniform float u_sizeRatio;
uniform float u_pixelRatio;
uniform vec2 u_dimensions;
uniform float u_minEdgeThickness;
uniform float u_feather;
${SHARED}
const float bias = 255.0 / 254.0;
const float epsilon = 0.7;

vec2 clipspaceToViewport(vec2 pos, vec2 dimensions) {
  return vec2((pos.x + 1.0) * dimensions.x / 2.0, (pos.y + 1.0) * dimensions.y / 2.0);
}

vec2 viewportToClipspace(vec2 pos, vec2 dimensions) {
  return vec2(pos.x / dimensions.x * 2.0 - 1.0, pos.y / dimensions.y * 2.0 - 1.0);
}

void main() {
  vec2 position = a_source * max(0.0, a_current) + a_target * max(0.0, 1.0 - a_current);
  position = (u_matrix * vec3(position, 1)).xy;
  vec2 source = (u_matrix * vec3(a_source, 1)).xy;
  vec2 target = (u_matrix * vec3(a_target, 1)).xy;

  vec2 viewportPosition = clipspaceToViewport(position, u_dimensions);
  vec2 viewportSource = clipspaceToViewport(source, u_dimensions);
  vec2 viewportTarget = clipspaceToViewport(target, u_dimensions);

  vec2 delta = viewportTarget.xy - viewportSource.xy;
  float len = max(length(delta), 1e-6);
  vec2 unitNormal = vec2(-delta.y, delta.x) * a_direction / len;
  float boundingBoxThickness = len * a_curvature;

  float curveThickness = max(u_minEdgeThickness, a_thickness / u_sizeRatio);
  v_thickness = curveThickness * u_pixelRatio;
  v_feather = u_feather;
  v_curved = a_curvature == 0.0 ? 0.0 : 1.0;
  float widest = a_targetSize > 0.0 ? (a_curvature == 0.0 ? u_straightHead.y : u_curvedHead.y) : 1.0;

  v_cpA = viewportSource;
  v_cpB = 0.5 * (viewportSource + viewportTarget) + unitNormal * a_direction * boundingBoxThickness;
  v_cpC = viewportTarget;

  vec2 offset = a_curvature == 0.0
    // Straight: a band as wide as the arrowhead (or the line), on both sides of the segment.
    ? unitNormal * (v_thickness * widest / 2.0 + u_feather + epsilon)
    // Curved: the half of the curve's bounding box on its outer side (no overdraw).
    : unitNormal * (boundingBoxThickness / 2.0 + sign(boundingBoxThickness) * (curveThickness * widest + epsilon))
      * max(0.0, a_direction);
  gl_Position = vec4(viewportToClipspace(viewportPosition + offset, u_dimensions), 0, 1);

  v_targetSize = a_targetSize * u_pixelRatio / u_sizeRatio;

  #ifdef PICKING_MODE
  v_color = a_id;
  #else
  v_color = a_color;
  #endif
  v_color.a *= bias;
}
`;

const FRAGMENT_SHADER = /* glsl */ `
precision highp float;

${SHARED}
float det(vec2 a, vec2 b) {
  return a.x * b.y - b.x * a.y;
}

vec2 getDistanceVector(vec2 b0, vec2 b1, vec2 b2) {
  float a = det(b0, b2), b = 2.0 * det(b1, b0), d = 2.0 * det(b2, b1);
  float f = b * d - a * a;
  vec2 d21 = b2 - b1, d10 = b1 - b0, d20 = b2 - b0;
  vec2 gf = 2.0 * (b * d21 + d * d10 + a * d20);
  gf = vec2(gf.y, -gf.x);
  vec2 pp = -f * gf / dot(gf, gf);
  vec2 d0p = b0 - pp;
  float ap = det(d0p, d20), bp = 2.0 * det(d10, d0p);
  float t = clamp((ap + bp) / (2.0 * a + b + d), 0.0, 1.0);
  return mix(mix(b0, b1, t), mix(b1, b2, t), t);
}

float distToQuadraticBezierCurve(vec2 p, vec2 b0, vec2 b1, vec2 b2) {
  return length(getDistanceVector(b0 - p, b1 - p, b2 - p));
}

float distToSegment(vec2 p, vec2 a, vec2 b) {
  vec2 ab = b - a;
  float t = clamp(dot(p - a, ab) / max(dot(ab, ab), 1e-6), 0.0, 1.0);
  return length(p - (a + t * ab));
}

const vec4 transparent = vec4(0.0, 0.0, 0.0, 0.0);

void main(void) {
  float dist = v_curved > 0.5
    ? distToQuadraticBezierCurve(gl_FragCoord.xy, v_cpA, v_cpB, v_cpC)
    : distToSegment(gl_FragCoord.xy, v_cpA, v_cpC);
  float thickness = v_thickness;
  if (v_targetSize > 0.0) {
    // The arrowhead: the edge widens from the target node's rim back along its length.
    vec2 head = v_curved > 0.5 ? u_curvedHead : u_straightHead;
    float distToTarget = length(gl_FragCoord.xy - v_cpC);
    float targetArrowLength = v_targetSize + thickness * head.x;
    if (distToTarget < targetArrowLength) {
      thickness = (distToTarget - v_targetSize) / (targetArrowLength - v_targetSize) * head.y * thickness;
    }
  }

  float halfThickness = thickness / 2.0;
  if (dist < halfThickness) {
    #ifdef PICKING_MODE
    gl_FragColor = v_color;
    #else
    float t = smoothstep(halfThickness - v_feather, halfThickness, dist);
    gl_FragColor = mix(v_color, transparent, t);
    #endif
  } else {
    gl_FragColor = transparent;
  }
}
`;

const { UNSIGNED_BYTE, FLOAT, TRIANGLES } = WebGLRenderingContext;
const UNIFORMS = [
  'u_matrix',
  'u_sizeRatio',
  'u_dimensions',
  'u_pixelRatio',
  'u_feather',
  'u_minEdgeThickness',
  'u_straightHead',
  'u_curvedHead',
] as const;

/** A line, a straight arrow or a curved arrow, as the edge's `curvature` and `arrow` say. */
export class EdgeShapeProgram<
  N extends Attributes = Attributes,
  E extends Attributes = Attributes,
  G extends Attributes = Attributes,
> extends EdgeProgram<(typeof UNIFORMS)[number], N, E, G> {
  getDefinition() {
    return {
      VERTICES: 6,
      VERTEX_SHADER_SOURCE: VERTEX_SHADER,
      FRAGMENT_SHADER_SOURCE: FRAGMENT_SHADER,
      METHOD: TRIANGLES,
      UNIFORMS,
      ATTRIBUTES: [
        { name: 'a_source', size: 2, type: FLOAT },
        { name: 'a_target', size: 2, type: FLOAT },
        { name: 'a_targetSize', size: 1, type: FLOAT },
        { name: 'a_thickness', size: 1, type: FLOAT },
        { name: 'a_curvature', size: 1, type: FLOAT },
        { name: 'a_color', size: 4, type: UNSIGNED_BYTE, normalized: true },
        { name: 'a_id', size: 4, type: UNSIGNED_BYTE, normalized: true },
      ],
      CONSTANT_ATTRIBUTES: [
        { name: 'a_current', size: 1, type: FLOAT },
        { name: 'a_direction', size: 1, type: FLOAT },
      ],
      CONSTANT_DATA: [
        [0, 1],
        [0, -1],
        [1, 1],
        [0, -1],
        [1, 1],
        [1, -1],
      ],
    };
  }

  processVisibleItem(
    edgeIndex: number,
    startIndex: number,
    sourceData: NodeDisplayData,
    targetData: NodeDisplayData,
    data: EdgeDisplayData & { curvature?: number; arrow?: boolean },
  ): void {
    const array = this.array;
    array[startIndex++] = sourceData.x;
    array[startIndex++] = sourceData.y;
    array[startIndex++] = targetData.x;
    array[startIndex++] = targetData.y;
    // No arrowhead is a target size of 0 (the shader's test).
    array[startIndex++] = data.arrow ? targetData.size : 0;
    array[startIndex++] = data.size || 1;
    array[startIndex++] = data.curvature ?? 0;
    array[startIndex++] = floatColor(data.color);
    array[startIndex++] = edgeIndex;
  }

  setUniforms(params: RenderParams, { gl, uniformLocations }: ProgramInfo<(typeof UNIFORMS)[number]>): void {
    gl.uniformMatrix3fv(uniformLocations.u_matrix, false, params.matrix);
    gl.uniform1f(uniformLocations.u_pixelRatio, params.pixelRatio);
    gl.uniform1f(uniformLocations.u_sizeRatio, params.sizeRatio);
    gl.uniform1f(uniformLocations.u_feather, params.antiAliasingFeather);
    gl.uniform2f(
      uniformLocations.u_dimensions,
      params.width * params.pixelRatio,
      params.height * params.pixelRatio,
    );
    gl.uniform1f(uniformLocations.u_minEdgeThickness, params.minEdgeThickness);
    gl.uniform2f(uniformLocations.u_straightHead, ...STRAIGHT_HEAD);
    gl.uniform2f(uniformLocations.u_curvedHead, ...CURVED_HEAD);
  }
}

/** The edge programs by the `type` `edgeShape` gives. */
export const EDGE_PROGRAMS = { line: EdgeRectangleProgram, shape: EdgeShapeProgram };
