// Every spelling of this machine that a callback URL may use: the AppClients check must accept
// each (as localhost) and the policy pack must flag each in prod. One list, so the two cannot drift.

/** Callback URLs whose host is this machine, as a browser parses them. */
export const loopbackSpellings = [
    "http://localhost:3000/cb", "http://LOCALHOST:3000/cb", "http://localhost./cb", "http://localhost.:3000/cb", "http://app.localhost/cb", "http://a.b.localhost./cb",
    "http://127.0.0.1:8080/cb", "http://127.1/cb", "http://127.0.1/cb", "http://127.255.255.254/cb", "http://2130706433/cb", "http://0x7f.1/cb", "http://0x7f000001/cb",
    "http://017700000001/cb", "http://127.0.0.1./cb",
    "http://[::1]:3000/cb", "http://[0:0:0:0:0:0:0:1]/cb", "http://[0::1]/cb", "http://[::ffff:127.0.0.1]/cb", "http://[::ffff:7f00:1]/cb", "http://[::ffff:127.9.8.7]/cb",
    "http://0.0.0.0:3000/cb", "http://0/cb", "http://[::]/cb", "http://[::ffff:0.0.0.0]/cb",
];
