// Passkeys on the two-step pages: make one (enrolment, #make-passkey) or sign with one (#use-passkey).
// The server speaks WebAuthn's JSON; the browser parses it and answers in it (toJSON), so no
// base64 juggling here. CSRF: the token from the XSRF-TOKEN cookie goes back in X-XSRF-TOKEN.
(function () {
    'use strict';

    function csrf() {
        var found = document.cookie.split('; ').find(function (c) { return c.indexOf('XSRF-TOKEN=') === 0; });
        return found ? decodeURIComponent(found.substring('XSRF-TOKEN='.length)) : '';
    }

    function post(path, body) {
        return fetch(path, {
            method: 'POST', credentials: 'same-origin',
            headers: {'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrf()},
            body: body === undefined ? undefined : JSON.stringify(body)
        }).then(function (response) {
            if (!response.ok) {
                throw new Error('HTTP ' + response.status);
            }
            return response.json();
        });
    }

    function failed(button, status) {
        status.querySelector('p').textContent = button.dataset.failed;
        status.hidden = false;
        button.disabled = false;
    }

    var make = document.getElementById('make-passkey');
    if (make) {
        make.addEventListener('click', function () {
            var status = document.getElementById('passkey-status');
            make.disabled = true;
            post('/api/account/passkeys/options')
                .then(function (options) {
                    return navigator.credentials.create({publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options)});
                })
                .then(function (credential) {
                    return post('/api/account/passkeys', {credential: credential.toJSON(), label: make.dataset.label});
                })
                .then(function () { window.location.assign('/account'); })
                .catch(function () { failed(make, status); });
        });
    }

    var use = document.getElementById('use-passkey');
    if (use) {
        use.addEventListener('click', function () {
            var status = document.getElementById('passkey-status');
            use.disabled = true;
            post('/api/account/passkey-challenge')
                .then(function (options) {
                    return navigator.credentials.get({publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options)});
                })
                .then(function (credential) { return post('/api/account/second-factor/passkey', credential.toJSON()); })
                .then(function () { window.location.assign('/account'); })
                .catch(function () { failed(use, status); });
        });
    }
}());
