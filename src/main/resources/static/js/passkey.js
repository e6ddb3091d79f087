// Passkeys on the two-step pages: make one (enrolment, #make-passkey) or sign with one (#use-passkey).
// The server speaks WebAuthn's JSON; the browser parses it and answers in it (toJSON), so no
// base64 juggling here. Where to post, and the CSRF token, come from the button's data attributes
// (staff pages) or are the account's (the token from the XSRF-TOKEN cookie, in X-XSRF-TOKEN).
(function () {
    'use strict';

    function csrf() {
        var found = document.cookie.split('; ').find(function (c) { return c.indexOf('XSRF-TOKEN=') === 0; });
        return found ? decodeURIComponent(found.substring('XSRF-TOKEN='.length)) : '';
    }

    function post(button, path, body) {
        var headers = {'Content-Type': 'application/json'};
        headers[button.dataset.csrfHeader || 'X-XSRF-TOKEN'] = button.dataset.csrfToken || csrf();
        return fetch(path, {
            method: 'POST', credentials: 'same-origin', headers: headers,
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
            post(make, make.dataset.optionsUrl || '/api/account/passkeys/options')
                .then(function (options) {
                    return navigator.credentials.create({publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options)});
                })
                .then(function (credential) {
                    return post(make, make.dataset.registerUrl || '/api/account/passkeys', {credential: credential.toJSON(), label: make.dataset.label});
                })
                .then(function () { window.location.assign(make.dataset.doneUrl || '/account'); })
                .catch(function () { failed(make, status); });
        });
    }

    var use = document.getElementById('use-passkey');
    if (use) {
        use.addEventListener('click', function () {
            var status = document.getElementById('passkey-status');
            use.disabled = true;
            post(use, use.dataset.challengeUrl || '/api/account/passkey-challenge')
                .then(function (options) {
                    return navigator.credentials.get({publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options)});
                })
                .then(function (credential) { return post(use, use.dataset.answerUrl || '/api/account/second-factor/passkey', credential.toJSON()); })
                .then(function () { window.location.assign(use.dataset.doneUrl || '/account'); })
                .catch(function () { failed(use, status); });
        });
    }
}());
