// Integration tests wait on a real engine and on lock expiry: give them room.
import { jest } from '@jest/globals';

jest.setTimeout(120_000);
