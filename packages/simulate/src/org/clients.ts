import type { Random } from '../random.ts';

/** The software one person uses, fixed for the whole simulation as a laptop's would be. */
export interface ClientProfile {
  os: 'macos' | 'windows' | 'linux';
  browser: string;
  /** Entra `deviceDetail` values for the browser. */
  deviceOs: string;
  deviceBrowser: string;
  awsCli: string;
  boto3: string;
  terraform: string;
  gcloudVersion: string;
  gcloudOs: string;
  osVersion: string;
}

const CHROME = ['129.0.0.0', '130.0.0.0'];

function browserFor(rng: Random, os: ClientProfile['os']): { ua: string; name: string } {
  const chrome = rng.pick(CHROME);
  const major = chrome.split('.')[0]!;
  if (os === 'macos') {
    return rng.chance(0.25)
      ? {
          ua: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
          name: 'Safari 18.0',
        }
      : {
          ua: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36`,
          name: `Chrome ${major}.0.0`,
        };
  }
  if (os === 'windows') {
    return rng.chance(0.5)
      ? {
          ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36 Edg/${chrome}`,
          name: `Edge ${major}.0.0`,
        }
      : {
          ua: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36`,
          name: `Chrome ${major}.0.0`,
        };
  }
  return rng.chance(0.5)
    ? { ua: 'Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0', name: 'Firefox 131.0' }
    : {
        ua: `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome} Safari/537.36`,
        name: `Chrome ${major}.0.0`,
      };
}

const OS_VERSIONS = {
  macos: ['23.6.0', '24.0.0', '24.1.0'],
  windows: ['10.0.22631', '10.0.26100'],
  linux: ['6.8.0-45-generic', '6.5.0-1025-oem'],
};

export function clientProfile(rng: Random): ClientProfile {
  const os = rng.weighted<ClientProfile['os']>([
    ['macos', 6],
    ['windows', 3],
    ['linux', 2],
  ]);
  const browser = browserFor(rng, os);
  const osVersion = rng.pick(OS_VERSIONS[os]);
  const python = rng.pick(['3.11.9', '3.12.6', '3.12.7']);
  const cliOs =
    os === 'macos' ? `Darwin/${osVersion}` : os === 'windows' ? 'Windows/10' : `Linux/${osVersion}`;
  const arch = os === 'macos' && rng.chance(0.8) ? 'arm64' : 'x86_64';
  const botocore = rng.pick(['1.35.24', '1.35.36', '1.35.44']);
  const sdkOs =
    os === 'macos' ? `macos#${osVersion}` : os === 'windows' ? 'windows#10' : `linux#${osVersion}`;
  return {
    os,
    browser: browser.ua,
    deviceOs: os === 'macos' ? 'MacOs' : os === 'windows' ? 'Windows10' : 'Linux',
    deviceBrowser: browser.name,
    awsCli: `aws-cli/2.${rng.pick(['17.46', '18.2', '18.8'])} Python/${python} ${cliOs} exe/${arch} prompt/off`,
    boto3: `Boto3/${botocore} md/Botocore#${botocore} ua/2.0 os/${sdkOs} md/arch#${arch} lang/python#${python} md/pyimpl#CPython cfg/retry-mode#legacy Botocore/${botocore}`,
    terraform: `APN/1.0 HashiCorp/1.0 Terraform/${rng.pick(['1.9.7', '1.9.8'])} (+https://www.terraform.io) terraform-provider-aws/5.72.1 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.2 ua/2.1 os/${os} lang/go#1.23.2 md/GOOS#${os === 'macos' ? 'darwin' : os} md/GOARCH#${arch === 'arm64' ? 'arm64' : 'amd64'}`,
    gcloudVersion: rng.pick(['494.0.0', '496.0.0', '497.0.0']),
    gcloudOs: os === 'macos' ? 'MACOSX' : os === 'windows' ? 'WINDOWS' : 'LINUX',
    osVersion,
  };
}

/** The user agent gcloud sends for `command` (`gcloud.compute.instances.list`), as audit logs print it. */
export function gcloudAgent(profile: ClientProfile, command: string, invocation: string): string {
  return `google-cloud-sdk gcloud/${profile.gcloudVersion} command/${command} invocation-id/${invocation} environment/None environment-version/None client-os/${profile.gcloudOs} client-os-ver/${profile.osVersion} client-pltf-arch/${profile.os === 'macos' ? 'arm' : 'x86_64'} interactive/True from-script/False python/3.12.6 term/xterm-256color,gzip(gfe)`;
}
