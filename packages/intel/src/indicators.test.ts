import { describe, expect, it } from 'vitest';
import { findingIndicators } from './indicators.ts';
import { sampleFinding } from './testing/findings.ts';

describe('findingIndicators', () => {
  it('takes endpoint IPs and names, marking private ones as not shareable and skipping cloud service names', () => {
    const f = sampleFinding('i-1', '185.220.101.1', '10.0.0.5');
    f.evidences.push(
      { src_endpoint: { domain: 'ec2.amazonaws.com' } },
      { dst_endpoint: { hostname: 'xmr-eu1.nanopool.org', ip: '2a00:1450:4001:0:0:0:0:200e' } },
    );
    expect(findingIndicators(f)).toEqual([
      {
        indicator: { type: 'ipv4', value: '185.220.101.1' },
        name: 'evidences.src_endpoint.ip',
        shareable: true,
      },
      { indicator: { type: 'ipv4', value: '10.0.0.5' }, name: 'evidences.dst_endpoint.ip', shareable: false },
      {
        indicator: { type: 'ipv6', value: '2a00:1450:4001::200e' },
        name: 'evidences.dst_endpoint.ip',
        shareable: true,
      },
      {
        indicator: { type: 'domain', value: 'xmr-eu1.nanopool.org' },
        name: 'evidences.dst_endpoint.hostname',
        shareable: true,
      },
    ]);
  });

  it('finds URLs and hashes under telling keys in request data and observables, nothing else', () => {
    const f = sampleFinding('i-2', '10.0.0.1');
    f.evidences.push({
      api: {
        operation: 'RunInstances',
        request: {
          uid: 'req-1',
          data: {
            userDataUrl: 'http://203.0.114.9/x.sh',
            requestId: 'd41d8cd98f00b204e9800998ecf8427e',
            nested: { sha256: 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855' },
            metadataUrl: 'http://169.254.169.254/latest',
          },
        },
      },
    });
    f.observables = [
      { name: 'file.hash', type_id: 8, value: 'd41d8cd98f00b204e9800998ecf8427e' },
      { name: 'user', type_id: 4, value: 'alice' },
    ];
    const found = findingIndicators(f).filter(
      (i) => i.indicator.type === 'url' || i.indicator.type === 'hash',
    );
    expect(found.map((i) => [i.name, i.indicator.value])).toEqual([
      ['evidences.api.request.data.userDataUrl', 'http://203.0.114.9/x.sh'],
      [
        'evidences.api.request.data.nested.sha256',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ],
      ['file.hash', 'd41d8cd98f00b204e9800998ecf8427e'],
    ]);
  });
});
